import type { ConversationView } from '@kidtalk/protocol';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from './conversation-list.js';
import type { GroupSummary } from './groups.js';
import { groupMembers, groupRefusal, isGroup, listNames, mergeRows } from './groups.js';

const view = (kind: 'direct' | 'group', ...who: string[]): ConversationView => ({
  id: `conv-${who.join('-')}`,
  kind,
  epoch: 1,
  createdBy: 'acc-me',
  createdAt: 1,
  members: ['me', ...who].map((w) => ({
    accountId: `acc-${w}`,
    publicId: `pub-${w}`,
    kind: 'child',
  })),
});

const contacts = [
  { publicId: 'pub-ada', displayName: 'Ada', avatar: { kind: 'builtin', id: 'cat' } },
  { publicId: 'pub-ben', displayName: 'Ben', avatar: { kind: 'none' } },
];

describe('groupMembers', () => {
  it('names the others from contacts and leaves oneself out', () => {
    const members = groupMembers(view('group', 'ada', 'ben', 'cy'), contacts, 'acc-me');
    expect(members).toEqual([
      {
        accountId: 'acc-ada',
        publicId: 'pub-ada',
        name: 'Ada',
        avatar: { kind: 'builtin', id: 'cat' },
      },
      { accountId: 'acc-ben', publicId: 'pub-ben', name: 'Ben', avatar: { kind: 'none' } },
      { accountId: 'acc-cy', publicId: 'pub-cy' },
    ]);
  });

  it('tells groups from direct chats by kind, even a group of two', () => {
    expect(isGroup(view('group', 'ada'))).toBe(true);
    expect(isGroup(view('direct', 'ada'))).toBe(false);
  });
});

describe('listNames', () => {
  const members = groupMembers(view('group', 'ada', 'ben', 'cy'), contacts, 'acc-me');
  it('joins names in the language, with a word for someone unknown', () => {
    expect(listNames(members, 'en', 'someone')).toBe('Ada, Ben, and someone');
    expect(listNames(members.slice(0, 2), 'zh-CN', '某人')).toBe('Ada和Ben');
  });
});

describe('mergeRows', () => {
  const direct: ConversationSummary[] = [
    { publicId: 'pub-ada', name: 'Ada', online: true, lastActivity: 10 },
    { publicId: 'pub-ben', name: 'Ben', online: false },
    { publicId: 'pub-abe', name: 'Abe', online: false },
  ];
  const groups: GroupSummary[] = [
    { conversationId: 'g1', members: [], lastActivity: 20, localName: 'Team' },
    { conversationId: 'g2', members: [], localName: 'Aardvarks' },
  ];
  it('puts the latest activity first, then sorts by name', () => {
    const rows = mergeRows(direct, groups, (g) => g.localName ?? '');
    expect(rows.map((r) => (r.kind === 'direct' ? r.item.name : r.group.localName))).toEqual([
      'Team',
      'Ada',
      'Aardvarks',
      'Abe',
      'Ben',
    ]);
  });
});

describe('groupRefusal', () => {
  it("says a child's friends must all be friends when the server forbids the group", () => {
    expect(groupRefusal({ code: 'FORBIDDEN' })).toBe('notAllFriends');
    expect(groupRefusal({ code: 'TOO_MANY_MEMBERS' })).toBe('tooMany');
    expect(groupRefusal({ code: 'NETWORK' })).toBe('offline');
    expect(groupRefusal({ code: 'NOT_FOUND' })).toBe('failed');
    expect(groupRefusal(new Error('boom'))).toBe('failed');
    expect(groupRefusal(undefined)).toBe('failed');
  });
});
