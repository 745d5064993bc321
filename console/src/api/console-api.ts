// The console's one API caller: the shared typed client (hono `hc` on AppType) on this page's own origin. No token:
// the session cookie (HttpOnly, set by the backend) is the credential, so nothing secret lives in page storage.
import { createApiClient } from "@threadline/shared/api/client";

export const api = createApiClient({ baseUrl: window.location.origin });
