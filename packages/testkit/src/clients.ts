import {
  type Account,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  type TestClient,
  type Transport,
  type WalletClient,
} from "viem";

export interface Clients {
  readonly chain: Chain;
  readonly public: PublicClient<Transport, Chain>;
  readonly test: TestClient<"anvil", Transport, Chain>;
  /** A wallet client signing with `account` (cached per address). */
  wallet(account: Account): WalletClient<Transport, Chain, Account>;
}

export interface CreateClientsOptions {
  /** Anvil's default is 31337. */
  chainId?: number;
  /** Receipt polling; short because anvil mines instantly (or every second on the devnet). */
  pollingIntervalMs?: number;
}

/** Public, test and wallet clients on one RPC URL. */
export function createClients(rpcUrl: string, options: CreateClientsOptions = {}): Clients {
  const chain = defineChain({
    id: options.chainId ?? 31_337,
    name: "Palisade devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  // Generous timeout: under a loaded CI machine a timed-out (then retried) send fails as "already known".
  const transport = http(rpcUrl, { timeout: 60_000 });
  const pollingInterval = options.pollingIntervalMs ?? 50;
  const wallets = new Map<string, WalletClient<Transport, Chain, Account>>();
  return {
    chain,
    public: createPublicClient({ chain, transport, pollingInterval }),
    test: createTestClient({ chain, transport, mode: "anvil", pollingInterval }),
    wallet(account) {
      let wallet = wallets.get(account.address);
      if (!wallet) {
        wallet = createWalletClient({ chain, transport, account, pollingInterval });
        wallets.set(account.address, wallet);
      }
      return wallet;
    },
  };
}
