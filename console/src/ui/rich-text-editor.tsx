// The console's rich-text field (TipTap over ProseMirror): bold, italic, lists and links, nothing else. Pasted HTML
// (Word, Gmail, a web page) goes through the sidebar's sanitiser first, then ProseMirror's schema keeps only the
// marks and nodes above, so Word's mso- styles, <o:p> and Gmail's wrappers never reach a template.
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { sanitizeHtml } from "@threadline/shared/ui/sanitize-html";
import { useId, useState, type ReactNode } from "react";
import { Button } from "./button";

/** What a parent may do with the editor (the variable picker inserts `{{…}}` at the cursor). */
export interface RichTextHandle {
  insertText(text: string): void;
}

export function RichTextEditor(props: {
  label: string;
  /** The initial HTML; the editor owns its content afterwards (remount it with a `key` to load another). */
  initialHtml: string;
  onChange: (html: string) => void;
  onReady?: (handle: RichTextHandle) => void;
  onFocus?: () => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const id = useId();
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  const editor = useEditor({
    // The console's CSP has no 'unsafe-inline' for styles: TipTap's <style> tag would be refused (styles.css has them).
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        code: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, protocols: ["mailto"] },
      }),
    ],
    content: props.initialHtml,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": `${id}-label`,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(props.error ? { "aria-invalid": "true" } : {}),
        class: "tl-rich-text min-h-[14rem] px-3 py-2 text-sm leading-relaxed text-slate-900 focus:outline-none",
      },
      transformPastedHTML: (html) => sanitizeHtml(html),
    },
    onCreate: ({ editor: e }) => props.onReady?.({ insertText: (text) => e.chain().focus().insertContent(text).run() }),
    onUpdate: ({ editor: e }) => props.onChange(e.isEmpty ? "" : e.getHTML()),
    onFocus: () => props.onFocus?.(),
  });
  return (
    <div className="flex flex-col gap-1">
      <span id={`${id}-label`} className="text-sm font-medium text-slate-700" onClick={() => editor?.commands.focus()}>
        {props.label}
      </span>
      <div
        className={`rounded-md border bg-white shadow-sm focus-within:ring-2 ${props.error ? "border-red-400 focus-within:ring-red-200" : "border-slate-300 focus-within:border-teal-600 focus-within:ring-teal-100"}`}
      >
        {editor && <Toolbar editor={editor} label={props.label} />}
        <EditorContent editor={editor} />
      </div>
      {props.hint && !props.error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullets: e.isActive("bulletList"),
      numbers: e.isActive("orderedList"),
      link: e.isActive("link"),
    }),
  });
  const [linking, setLinking] = useState(false);
  const tools = [
    { name: "Bold", on: state.bold, run: () => editor.chain().focus().toggleBold().run(), glyph: <b>B</b> },
    { name: "Italic", on: state.italic, run: () => editor.chain().focus().toggleItalic().run(), glyph: <i>I</i> },
    { name: "Bulleted list", on: state.bullets, run: () => editor.chain().focus().toggleBulletList().run(), glyph: "•≡" },
    { name: "Numbered list", on: state.numbers, run: () => editor.chain().focus().toggleOrderedList().run(), glyph: "1≡" },
  ];
  return (
    <div
      role="toolbar"
      aria-label={`${label} formatting`}
      className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1"
    >
      {tools.map((t) => (
        <button
          key={t.name}
          type="button"
          aria-label={t.name}
          aria-pressed={t.on}
          title={t.name}
          onClick={t.run}
          className={`h-7 min-w-7 rounded px-1.5 text-sm ${t.on ? "bg-teal-50 text-teal-800" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {t.glyph}
        </button>
      ))}
      <button
        type="button"
        aria-pressed={state.link}
        onClick={() => (state.link ? editor.chain().focus().unsetLink().run() : setLinking((v) => !v))}
        className={`h-7 rounded px-2 text-sm ${state.link ? "bg-teal-50 text-teal-800" : "text-slate-700 hover:bg-slate-100"}`}
      >
        {state.link ? "Remove link" : "Link"}
      </button>
      {linking && (
        <LinkInput
          onDone={(href) => {
            setLinking(false);
            if (href) editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
          }}
        />
      )}
    </div>
  );
}

function LinkInput({ onDone }: { onDone: (href: string | null) => void }) {
  const [href, setHref] = useState("https://");
  const ok = /^(https?:\/\/[^\s]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i.test(href.trim());
  return (
    <span className="flex items-center gap-1">
      <input
        aria-label="Link address"
        autoFocus
        value={href}
        onChange={(e) => setHref(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            if (ok) onDone(href.trim());
          }
          if (e.key === "Escape") onDone(null);
        }}
        className="h-7 w-56 rounded border border-slate-300 px-2 text-xs"
      />
      <Button size="sm" variant="secondary" disabled={!ok} onClick={() => onDone(href.trim())}>
        Add link
      </Button>
    </span>
  );
}
