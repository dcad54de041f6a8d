import { useMemo } from "react";
import { useApp } from "./context.tsx";

/** Devnet account names by lower-case address (consumer0, provider1 …), to label addresses. */
export function useNames(): ReadonlyMap<string, string> {
  const { config } = useApp();
  return useMemo(
    () => new Map(config.devAccounts.map((account) => [account.address.toLowerCase(), account.name])),
    [config],
  );
}
