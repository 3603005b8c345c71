import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { BlockView, ContactProfile, FriendRequestView, PublicCard } from '@kidtalk/protocol';
import type { HttpClient } from './http-client.js';

/**
 * Contacts, friend requests, blocks, and a guardian's approvals for a child (P18, P19).
 * `elevation` is the token from a PIN check when a guardian approves on the child's device.
 */
export class ContactsApi {
  constructor(private readonly http: HttpClient) {}

  lookup(publicId: string): Promise<PublicCard> {
    return this.http.json({ method: 'GET', path: `/v1/lookup/${enc(publicId)}` });
  }

  /** Sends a friend request; the open one is returned if it already exists either way. */
  request(publicId: string): Promise<FriendRequestView> {
    return this.http.json({ method: 'POST', path: '/v1/friend-requests', body: { publicId } });
  }

  async requests(): Promise<FriendRequestView[]> {
    return (
      await this.http.json<{ requests: FriendRequestView[] }>({
        method: 'GET',
        path: '/v1/friend-requests',
      })
    ).requests;
  }

  accept(requestId: string): Promise<FriendRequestView> {
    return this.action(`/v1/friend-requests/${enc(requestId)}/accept`);
  }

  decline(requestId: string): Promise<FriendRequestView> {
    return this.action(`/v1/friend-requests/${enc(requestId)}/decline`);
  }

  cancel(requestId: string): Promise<FriendRequestView> {
    return this.action(`/v1/friend-requests/${enc(requestId)}/cancel`);
  }

  /**
   * "Add contact" as a person means it: accept their open request if there is one, otherwise
   * ask them. Returns the request as this side now sees it.
   */
  async add(publicId: string): Promise<FriendRequestView> {
    const open = (await this.requests()).find(
      (r) => r.direction === 'incoming' && r.status === 'pending' && r.other.publicId === publicId,
    );
    return open && !open.accepted ? this.accept(open.id) : this.request(publicId);
  }

  async list(): Promise<ContactProfile[]> {
    return (
      await this.http.json<{ contacts: ContactProfile[] }>({
        method: 'GET',
        path: '/v1/contacts',
      })
    ).contacts;
  }

  async remove(publicId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: `/v1/contacts/${enc(publicId)}` });
  }

  async block(publicId: string): Promise<void> {
    await this.http.json({ method: 'POST', path: '/v1/blocks', body: { publicId } });
  }

  async unblock(publicId: string): Promise<void> {
    await this.http.json({ method: 'DELETE', path: `/v1/blocks/${enc(publicId)}` });
  }

  async blocks(): Promise<BlockView[]> {
    return (await this.http.json<{ blocks: BlockView[] }>({ method: 'GET', path: '/v1/blocks' }))
      .blocks;
  }

  async childRequests(childId: string): Promise<FriendRequestView[]> {
    return (
      await this.http.json<{ requests: FriendRequestView[] }>({
        method: 'GET',
        path: `/v1/children/${enc(childId)}/friend-requests`,
      })
    ).requests;
  }

  approveForChild(childId: string, requestId: string, elevation?: string) {
    return this.action(
      `/v1/children/${enc(childId)}/friend-requests/${enc(requestId)}/approve`,
      elevation,
    );
  }

  denyForChild(childId: string, requestId: string, elevation?: string) {
    return this.action(
      `/v1/children/${enc(childId)}/friend-requests/${enc(requestId)}/deny`,
      elevation,
    );
  }

  private action(path: string, elevation?: string): Promise<FriendRequestView> {
    return this.http.json({
      method: 'POST',
      path,
      ...(elevation && { headers: { [ELEVATION_HEADER]: elevation } }),
    });
  }
}

const enc = encodeURIComponent;
