import { mine as anvilMine } from "viem/actions";
import type { Clients } from "./clients.ts";

/** Mines `blocks` blocks at once (`anvil_mine`), e.g. to let an allocation or withdrawal delay pass. */
export async function mine(clients: Pick<Clients, "test">, blocks: number): Promise<void> {
  await anvilMine(clients.test, { blocks });
}
