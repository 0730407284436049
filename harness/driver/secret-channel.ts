// Hands the password to the login page without it crossing a recorded Playwright call.
// Playwright keeps every API call's parameters in the trace and names steps after them
// (`Insert "<text>"`), and has no way to mask one: a password typed with keyboard.insertText would
// sit in plain text in every failure's trace and in the step list of any reporter. Instead the
// page asks for it through a binding; Playwright answers a binding with an internal call, which it
// neither traces nor reports. The answer is given once, to the main frame of the page the driver
// armed it for, while that frame is still on the origin it was armed on.
import type { BrowserContext, Frame, Page } from 'playwright';
import { onOrigin } from './origin.ts';

/** The page-side name of the binding (window[SECRET_BINDING]() resolves to the secret or null). */
export const SECRET_BINDING = '__flexSsoSecret';

interface Armed {
  page: Page;
  origin: string;
  value: string;
}

export class SecretChannel {
  private armed: Armed | undefined;

  /** Makes `value` available once to `page`'s main frame on its current origin. */
  arm(page: Page, value: string): void {
    this.armed = { page, origin: new URL(page.url()).origin, value };
  }

  disarm(): void {
    this.armed = undefined;
  }

  /** The binding's answer: the armed secret for the armed page's main frame on its origin, else null. */
  answer(source: { page: Page | null; frame: Frame }): string | null {
    const armed = this.armed;
    if (!armed || source.page !== armed.page || source.frame !== armed.page.mainFrame() || !onOrigin(source.frame.url(), armed.origin)) return null;
    this.armed = undefined;
    return armed.value;
  }
}

const channels = new WeakMap<BrowserContext, Promise<SecretChannel>>();

/** The context's channel, exposing the binding on its first use (one call per context). */
export function secretChannel(context: BrowserContext): Promise<SecretChannel> {
  let channel = channels.get(context);
  if (!channel) {
    const created = new SecretChannel();
    channel = context.exposeBinding(SECRET_BINDING, (source) => created.answer(source)).then(() => created);
    channels.set(context, channel);
    channel.catch(() => channels.delete(context));
  }
  return channel;
}
