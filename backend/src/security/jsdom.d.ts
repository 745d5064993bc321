// The one piece of jsdom the server uses (security/sanitize-template-html.ts), typed by hand: @types/jsdom pulls the
// DOM lib into the backend's types, which the backend does not compile against.
declare module "jsdom" {
  export class JSDOM {
    constructor(html?: string);
    readonly window: object;
  }
}
