import net from 'node:net';

const STREAM =
  "<?xml version='1.0'?><stream:stream to='localhost' xmlns='jabber:client' " +
  "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
const MESSAGE_END = '</message>';
const MESSAGE_ID = /<message [^>]*?\bid='([^']*)'/g;

/**
 * Reads the IDs of whole `<message>` stanzas from a stream cut anywhere by TCP. Only what the
 * bench sends comes back as a message, so a pattern is enough (ejabberd writes attributes in
 * single quotes); a stanza cut in two is kept until its end arrives.
 */
export class MessageIdReader {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const end = text.lastIndexOf(MESSAGE_END);
    if (end < 0) {
      this.rest = text;
      return [];
    }
    const whole = text.slice(0, end + MESSAGE_END.length);
    this.rest = text.slice(end + MESSAGE_END.length);
    return Array.from(whole.matchAll(MESSAGE_ID), (m) => m[1]!);
  }
}

/**
 * A lean XMPP client for the same workload as `BenchClient`, to measure a peer server in the
 * same sitting: plain TCP (no TLS, as the peer figures were taken), SASL ANONYMOUS, a bound
 * resource, initial presence, chat messages to a full JID. No stream management, so there is
 * no `sent`: XMPP acknowledges nothing to the sender.
 */
export class XmppBenchClient {
  jid = '';
  onMsg: (m: { id?: string }, now: number) => void = () => undefined;
  private socket!: net.Socket;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  connect(timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = (this.socket = net.connect(this.port, this.host));
      s.setEncoding('utf8');
      s.setNoDelay(true);
      const timer = setTimeout(() => fail(new Error('XMPP login timed out')), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        s.destroy();
        reject(err);
      };
      s.once('error', fail);
      let step = 0;
      let buf = '';
      const reader = new MessageIdReader();
      const login = (chunk: string) => {
        buf += chunk;
        if (/<failure|<stream:error|type='error'/.test(buf)) return fail(new Error(buf));
        if (step === 0 && buf.includes('</stream:features>')) {
          step = 1;
          buf = '';
          s.write("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
        } else if (step === 1 && buf.includes('<success')) {
          step = 2;
          buf = '';
          s.write(STREAM);
        } else if (step === 2 && buf.includes('</stream:features>')) {
          step = 3;
          buf = '';
          s.write("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        } else if (step === 3 && buf.includes('</iq>')) {
          const jid = /<jid>([^<]+)<\/jid>/.exec(buf);
          if (!jid) return fail(new Error(`no JID bound: ${buf}`));
          this.jid = jid[1]!;
          clearTimeout(timer);
          s.off('data', login);
          s.on('data', (data: string) => {
            const now = performance.now();
            for (const id of reader.push(data)) this.onMsg({ id }, now);
          });
          s.write('<presence/>');
          resolve();
        }
      };
      s.on('data', login);
      s.write(STREAM);
    });
  }

  send(to: string, id: string, body: string): void {
    this.socket.write(`<message to='${to}' id='${id}' type='chat'><body>${body}</body></message>`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end('</stream:stream>');
      setTimeout(() => this.socket.destroy(), 2000).unref();
    });
  }
}
