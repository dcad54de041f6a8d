import type { CommandGroup } from "../types.ts";
import { govExecute } from "./execute.ts";
import { govList } from "./list.ts";
import { govPropose } from "./propose.ts";
import { govQueue } from "./queue.ts";
import { govShow } from "./show.ts";
import { govSync } from "./sync.ts";
import { govVote } from "./vote.ts";

/**
 * `palisade gov …`: proposals and votes on the governor (decision 0006). No `gov delegate`: votes are
 * the holder's own gPAL lots (delegation would move weight without moving tokens, outside the
 * Sybil-safety argument), so a holder just syncs and votes.
 */
export const govGroup: CommandGroup = {
  summary: "governance: propose, vote, queue and execute proposals, show them",
  commands: {
    sync: govSync,
    propose: govPropose,
    vote: govVote,
    queue: govQueue,
    execute: govExecute,
    list: govList,
    show: govShow,
  },
};
