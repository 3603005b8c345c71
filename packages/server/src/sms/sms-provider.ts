/** A processor (P14): the only thing that learns a phone number and a one-time code together. */
export interface SmsProvider {
  readonly name: string;
  send(toE164: string, text: string): Promise<void>;
}
