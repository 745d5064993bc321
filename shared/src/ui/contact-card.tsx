import type { Card } from "../schemas/card";
import { ContactFields } from "./contact-fields";
import { CreateContact } from "./create-contact";
import { EngagementLine } from "./engagement-line";
import { LocalTimeLine } from "./local-time-line";
import { NotesPanel } from "./notes-panel";
import type { SidebarApi, UserOption } from "./sidebar-api";
import { TasksList } from "./tasks-list";
import { TimelineList } from "./timeline-list";
import { WarningsList } from "./warnings-list";

export function ContactCard(props: {
  api: SidebarApi;
  card: Card;
  users: UserOption[] | null;
  onChanged(card: Card): void;
  onReload(): void;
}) {
  const { card } = props;
  const c = card.contact;
  const name =
    c?.displayName || [c?.firstName, c?.lastName].filter(Boolean).join(" ") || card.suggested?.displayName || card.email;
  return (
    <div data-testid="card" data-email={card.email} className="pb-3">
      <WarningsList warnings={card.warnings} />
      <header className="mx-3 mt-2">
        <h2 className="text-sm font-semibold text-slate-900" data-testid="contact-name">
          {name}
          {c?.hot && <span className="ml-1 rounded bg-orange-100 px-1 text-[10px] text-orange-700">hot</span>}
        </h2>
        <p className="text-xs text-slate-500" data-testid="contact-email">
          {card.email}
        </p>
        {(c?.title || card.company) && (
          <p className="text-xs text-slate-700">
            {[c?.title, card.company?.name ?? card.suggested?.companyName].filter(Boolean).join(" · ")}
          </p>
        )}
        {card.localTime && <LocalTimeLine localTime={card.localTime} />}
        <EngagementLine engagement={card.engagement} />
      </header>
      {c ? (
        <>
          <ContactFields
            api={props.api}
            contact={c}
            users={props.users}
            onSaved={(contact) => props.onChanged({ ...card, contact })}
          />
          <TasksList tasks={card.tasks} now={Date.now()} />
          <NotesPanel api={props.api} contactId={c.id} />
        </>
      ) : (
        <CreateContact api={props.api} card={card} onCreated={props.onReload} />
      )}
      <TimelineList events={card.timeline} />
    </div>
  );
}
