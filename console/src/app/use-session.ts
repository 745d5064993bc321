// Setup, sign-in and sign-out: the session cookie is set and cleared by the server; the cached answers follow.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SetupInput, SignInInput } from "@threadline/shared/schemas";
import { useNavigate } from "react-router";
import { apiCall, toConsoleFailure } from "../api/api-call";
import { api } from "../api/console-api";

/** Whether the database has no workspace yet (the setup form is then the only way in). */
export function useSetupStatus() {
  return useQuery({ queryKey: ["setup"], queryFn: () => apiCall(api.setup.$get()) });
}

/** Social sign-in buttons to show: only providers configured on the server. */
export function useSignInProviders() {
  return useQuery({ queryKey: ["session", "providers"], queryFn: () => apiCall(api.session.providers.$get()) });
}

function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (me: Awaited<ReturnType<typeof signIn>>, next = "/") => {
    queryClient.clear();
    queryClient.setQueryData(["me"], me);
    // Only a path of this console (never another origin) is followed after sign-in.
    void navigate(next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
  };
}

const signIn = (input: SignInInput) => apiCall(api.session.$post({ json: input }));

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (input: SetupInput) => apiCall(api.setup.$post({ json: input })),
    onSuccess: (me) => signedIn(me),
  });
}

export function useSignIn(next: string | null) {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: signIn, onSuccess: (me) => signedIn(me, next ?? "/") });
}

export function useSocialSignIn() {
  return useMutation({
    mutationFn: (provider: "google" | "microsoft") => apiCall(api.session.social.$post({ json: { provider } })),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

/** Signs out on the server (the session ends there), then forgets every cached answer. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const leave = () => {
    queryClient.clear();
    void navigate("/sign-in", { replace: true });
  };
  return useMutation({
    mutationFn: () => apiCall(api.session.$delete()),
    onSuccess: leave,
    // Already signed out (expired, or ended from another browser): nothing left to end.
    onError: (error) => toConsoleFailure(error).kind === "unauthorized" && leave(),
  });
}
