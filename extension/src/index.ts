// The Gmail extension (Plasmo MV3) lands with the Gmail sidebar issue.
export {};
