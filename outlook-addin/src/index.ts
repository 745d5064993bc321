// The Outlook add-in lands with the Outlook add-in issue.
export {};
