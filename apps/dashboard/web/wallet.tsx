import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import {
  type Account,
  type Address,
  type Chain,
  type Client,
  createWalletClient,
  custom,
  http,
  type Transport,
} from "viem";
import { useApp } from "./context.tsx";
import { errorMessage } from "./errors.ts";

/** What the SDK's write actions take: a client with an account. */
export type Signer = Client<Transport, Chain, Account>;

export type WalletState =
  | { kind: "none" }
  | { kind: "injected"; address: Address; signer: Signer }
  | { kind: "devnet"; name: string; address: Address; signer: Signer };

interface WalletContextValue {
  wallet: WalletState;
  /** An EIP-1193 provider in the page (a browser wallet). */
  injectedAvailable: boolean;
  connectInjected(): Promise<void>;
  /** One of the devnet's named accounts (chain 31337), or "" for none. */
  chooseDevAccount(name: string): Promise<void>;
  disconnect(): void;
  error: string | undefined;
}

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

const injected = (): Eip1193 | undefined => (window as unknown as { ethereum?: Eip1193 }).ethereum;

const WalletContext = createContext<WalletContextValue | undefined>(undefined);

/** The devnet account chosen last, restored on reload (a name, never a key). */
const STORAGE_KEY = "palisade.dashboard.account";

export function WalletProvider({ children }: { children: ReactNode }) {
  const { config, chain } = useApp();
  const [wallet, setWallet] = useState<WalletState>({ kind: "none" });
  const [error, setError] = useState<string | undefined>();

  const chooseDevAccount = useCallback(
    async (name: string) => {
      setError(undefined);
      if (!name) {
        setWallet({ kind: "none" });
        localStorage.removeItem(STORAGE_KEY);
        return;
      }
      const entry = config.devAccounts.find((account) => account.name === name);
      if (!entry || !config.devMnemonic) {
        setError(`no devnet account ${name} on chain ${config.chainId}`);
        return;
      }
      // Loaded on demand: the HD derivation code is only needed by someone who signs on the devnet.
      const { mnemonicToAccount } = await import("viem/accounts");
      const account = mnemonicToAccount(config.devMnemonic, { addressIndex: entry.index });
      if (account.address !== entry.address) {
        setError(`account ${name}: derived ${account.address}, the server says ${entry.address}`);
        return;
      }
      const signer = createWalletClient({
        account,
        chain,
        transport: http(chain.rpcUrls.default.http[0]),
        pollingInterval: 500,
      });
      localStorage.setItem(STORAGE_KEY, name);
      setWallet({ kind: "devnet", name, address: account.address, signer });
    },
    [config, chain],
  );

  const connectInjected = useCallback(async () => {
    setError(undefined);
    const provider = injected();
    if (!provider) {
      setError("no browser wallet in this page");
      return;
    }
    try {
      const [address] = (await provider.request({ method: "eth_requestAccounts" })) as Address[];
      if (!address) throw new Error("the wallet shared no account");
      const walletChain = Number(await provider.request({ method: "eth_chainId" }));
      if (walletChain !== chain.id)
        throw new Error(
          `the wallet is on chain ${walletChain}; switch it to chain ${chain.id} (${chain.name})`,
        );
      const signer = createWalletClient({
        account: address,
        chain,
        transport: custom(provider),
        pollingInterval: 500,
      });
      localStorage.removeItem(STORAGE_KEY);
      setWallet({ kind: "injected", address, signer });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [chain]);

  useEffect(() => {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && config.devAccounts.some((account) => account.name === saved)) void chooseDevAccount(saved);
  }, [config, chooseDevAccount]);

  // A browser wallet that switches account or chain: follow it, or drop it.
  useEffect(() => {
    const provider = injected();
    if (wallet.kind !== "injected" || !provider?.on) return;
    const reset = () => setWallet({ kind: "none" });
    provider.on("accountsChanged", reset);
    provider.on("chainChanged", reset);
    return () => {
      provider.removeListener?.("accountsChanged", reset);
      provider.removeListener?.("chainChanged", reset);
    };
  }, [wallet.kind]);

  const value = useMemo<WalletContextValue>(
    () => ({
      wallet,
      injectedAvailable: injected() !== undefined,
      connectInjected,
      chooseDevAccount,
      disconnect: () => {
        localStorage.removeItem(STORAGE_KEY);
        setWallet({ kind: "none" });
      },
      error,
    }),
    [wallet, connectInjected, chooseDevAccount, error],
  );
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

export function useWallet(): WalletContextValue {
  const value = useContext(WalletContext);
  if (!value) throw new Error("useWallet outside WalletProvider");
  return value;
}
