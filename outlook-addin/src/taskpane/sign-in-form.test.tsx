// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { ApiFailure } from "@threadline/shared/ui/sidebar-api";
import { NOT_LINKED_MESSAGE } from "./link-microsoft-account";
import { SignInForm } from "./sign-in-form";

afterEach(cleanup);

const notLinked = new ApiFailure("unauthorized", "No active Threadline user is linked", 401, { reason: "entra_not_linked" });

function renderForm(props: Partial<Parameters<typeof SignInForm>[0]> = {}) {
  const onSubmit = vi.fn(async () => undefined);
  const onLinkMicrosoft = vi.fn(async () => undefined);
  render(
    <SignInForm
      defaultUrl="https://127.0.0.1:3443"
      initial={null}
      microsoftAvailable
      onSubmit={onSubmit}
      onLinkMicrosoft={onLinkMicrosoft}
      {...props}
    />,
  );
  return { onSubmit, onLinkMicrosoft };
}

describe("SignInForm with Microsoft sign-in configured", () => {
  test("an unlinked Microsoft account: the form says to sign in once with URL + token and press “Link Microsoft account”", async () => {
    const onSubmit = vi.fn(async () => Promise.reject(notLinked));
    renderForm({ onSubmit });
    fireEvent.click(screen.getByRole("button", { name: "Sign in with Microsoft" }));
    expect((await screen.findByRole("alert")).textContent).toBe(NOT_LINKED_MESSAGE);
    expect(onSubmit).toHaveBeenCalledWith({ backendUrl: "https://127.0.0.1:3443", method: "microsoft", token: null });
    expect(screen.getByRole("button", { name: "Link Microsoft account" })).toBeTruthy();
  });

  test("“Link Microsoft account” sends the URL and the typed API token", async () => {
    const { onLinkMicrosoft, onSubmit } = renderForm();
    fireEvent.change(screen.getByLabelText("API token"), { target: { value: "  tl_abc  " } });
    fireEvent.click(screen.getByRole("button", { name: "Link Microsoft account" }));
    await waitFor(() =>
      expect(onLinkMicrosoft).toHaveBeenCalledWith({ backendUrl: "https://127.0.0.1:3443", method: "token", token: "tl_abc" }),
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  test("linking without a token asks for it first; a conflict from the backend is shown as is", async () => {
    const conflict = new ApiFailure("invalid", "This Microsoft account is already linked to another Threadline user.", 409);
    const { onLinkMicrosoft } = renderForm({ onLinkMicrosoft: vi.fn(async () => Promise.reject(conflict)) });
    fireEvent.click(screen.getByRole("button", { name: "Link Microsoft account" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Paste your API token first/);
    expect(onLinkMicrosoft).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText("API token"), { target: { value: "tl_abc" } });
    fireEvent.click(screen.getByRole("button", { name: "Link Microsoft account" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe(conflict.message));
  });

  test("without Microsoft sign-in there is no link button", () => {
    renderForm({ microsoftAvailable: false });
    expect(screen.queryByRole("button", { name: "Link Microsoft account" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Sign in with Microsoft" })).toBeNull();
  });
});
