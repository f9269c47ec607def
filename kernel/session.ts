// Builds every message the kernel sends, so headers are made in exactly one place.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { PROTOCOL_VERSION, type Header, type Message } from './wire.js';

export class Session {
  readonly id = randomUUID();
  readonly username: string;

  constructor() {
    let name = 'cppnb';
    try {
      name = userInfo().username;
    } catch {
      // no passwd entry (containers): keep the default
    }
    this.username = name;
  }

  header(msgType: string): Header {
    return {
      msg_id: randomUUID(),
      session: this.id,
      username: this.username,
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    };
  }

  // A message in reply to (or caused by) parent; identities route it back on ROUTER sockets.
  // contentBytes, when given, is content already serialized (content then only describes it).
  message(
    msgType: string,
    content: Record<string, unknown>,
    parent?: Message,
    options: { identities?: Buffer[]; metadata?: Record<string, unknown>; contentBytes?: Buffer } = {},
  ): Message {
    return {
      identities: options.identities ?? [],
      header: this.header(msgType),
      parent_header: parent ? parent.header : {},
      metadata: options.metadata ?? {},
      content,
      buffers: [],
      contentBytes: options.contentBytes,
    };
  }
}
