import type { ErrorBody } from '@kidtalk/protocol';
import { KidTalkError } from './errors.js';

export type FetchLike = typeof globalThis.fetch;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** Raw bytes sent as application/octet-stream instead of JSON. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
  /** Send without the session token. */
  anonymous?: boolean;
}

/** JSON over fetch; every non-2xx answer becomes a KidTalkError with the server's code. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: FetchLike,
    private readonly token: () => string | undefined,
    /** The server no longer knows the session token this request carried (revoked, deleted). */
    private readonly onUnauthenticated: () => void = () => undefined,
  ) {}

  async json<T>(req: HttpRequest): Promise<T> {
    const res = await this.send(req);
    const text = await res.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  async bytes(req: HttpRequest): Promise<Uint8Array> {
    const res = await this.send(req);
    return new Uint8Array(await res.arrayBuffer());
  }

  private async send(req: HttpRequest): Promise<Response> {
    const headers: Record<string, string> = { ...req.headers };
    const token = req.anonymous ? undefined : this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (req.bytes) {
      headers['content-type'] = 'application/octet-stream';
      body = req.bytes as Uint8Array<ArrayBuffer>;
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + req.path, { method: req.method, headers, body });
    } catch (cause) {
      throw new KidTalkError('NETWORK', `cannot reach ${this.baseUrl}`, { cause });
    }
    if (res.ok) return res;
    const err = await toError(res);
    if (token && err.code === 'UNAUTHENTICATED') this.onUnauthenticated();
    throw err;
  }
}

async function toError(res: Response): Promise<KidTalkError> {
  const header = res.headers.get('retry-after');
  const fromHeader = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not our JSON (a proxy's error page): the status is all we have.
  }
  const e = body.error;
  return new KidTalkError(e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, {
    status: res.status,
    retryAfterSec: e?.retryAfterSec ?? fromHeader,
  });
}
