import { describe, expect, it } from 'vitest';
import { MessageIdReader } from './xmpp-client.js';

const stanza = (id: string) =>
  `<message xml:lang='en' to='b@localhost/r' from='a@localhost/r' type='chat' id='${id}'>` +
  `<body>${'x'.repeat(40)}</body></message>`;

describe('reading message IDs off an XMPP stream', () => {
  it('finds every message once, wherever TCP cuts the stream', () => {
    const stream = `<presence to='b@localhost/r'/>${stanza('m1')}${stanza('m2')}<presence/>${stanza('m3')}`;
    for (let cut = 1; cut < stream.length; cut++) {
      const reader = new MessageIdReader();
      const ids = [...reader.push(stream.slice(0, cut)), ...reader.push(stream.slice(cut))];
      expect(ids, `cut at ${cut}`).toEqual(['m1', 'm2', 'm3']);
    }
  });

  it('holds a stanza until its end arrives, and reads nothing from other stanzas', () => {
    const reader = new MessageIdReader();
    expect(reader.push(`<iq type='result' id='bind'/><presence id='p1'/>`)).toEqual([]);
    expect(reader.push(stanza('m1').slice(0, -3))).toEqual([]);
    expect(reader.push('ge>')).toEqual(['m1']);
    expect(reader.push(`<message id='m2' from='a@localhost'><body/></message>`)).toEqual(['m2']);
  });
});
