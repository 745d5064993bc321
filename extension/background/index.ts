// Service worker entry. Message handlers live in background/messages/<name>.ts (@plasmohq/messaging).
// Nothing opens on install: the sidebar itself says "Not signed in" and offers the settings.
export {};
