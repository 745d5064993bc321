import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";

/** Signs out: forgets every cached answer and goes to the sign-in page. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => undefined,
    onSettled: () => {
      queryClient.clear();
      void navigate("/sign-in", { replace: true });
    },
  });
}
