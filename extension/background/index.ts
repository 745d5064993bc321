// Service worker entry. Message handlers live in background/messages/<name>.ts (@plasmohq/messaging).
chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") void chrome.runtime.openOptionsPage();
});

export {};
