import { CloseCode } from '@kidtalk/protocol';
import type { Connection } from './connection.js';

/** This node's sockets by device. A second socket for a device replaces the first. */
export class ConnectionRegistry {
  private readonly byDevice = new Map<string, Connection>();
  readonly all = new Set<Connection>();

  register(c: Connection): void {
    const deviceId = c.auth!.deviceId;
    const previous = this.byDevice.get(deviceId);
    if (previous && previous !== c)
      previous.close(CloseCode.Replaced, 'replaced by a newer connection');
    this.byDevice.set(deviceId, c);
    this.all.add(c);
  }

  /** True when `c` was the device's current socket (not one already replaced). */
  unregister(c: Connection): boolean {
    this.all.delete(c);
    const deviceId = c.auth?.deviceId;
    if (deviceId && this.byDevice.get(deviceId) === c) {
      this.byDevice.delete(deviceId);
      return true;
    }
    return false;
  }

  get size(): number {
    return this.all.size;
  }
}
