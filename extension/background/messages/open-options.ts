import { handleMessage } from "../handle-message";

export default handleMessage<Record<string, never>, null>(async () => {
  await chrome.runtime.openOptionsPage();
  return null;
});
