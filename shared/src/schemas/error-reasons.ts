// Machine-readable `error.details.reason` values that clients act on (no zod here: the Outlook pane imports it).

/** The 401 for a valid Microsoft token that no Threadline user is linked to yet: the pane explains how to link. */
export const ENTRA_NOT_LINKED = "entra_not_linked";
