import { createPhishingEngine, loadPhishingLists, type PhishingEngine } from "@palisade/engines";
import { z } from "zod";
import { defineCommand } from "../types.ts";
import { renderReport, wantsColor } from "./renderReport.ts";

let engine: PhishingEngine | undefined;

/** The phishing engine with eth-phishing-detect's lists, plus the lists in PALISADE_LABELS_DIR if set. */
function phishingEngine(env: Readonly<Record<string, string | undefined>>): PhishingEngine {
  const dir = env.PALISADE_LABELS_DIR;
  engine ??= createPhishingEngine(dir ? { lists: loadPhishingLists(dir) } : {});
  return engine;
}

export const checkUrl = defineCommand({
  summary: "is a URL or domain a phishing site? (phishing@1: lists, look-alikes, homoglyphs)",
  description:
    "Runs the phishing engine in-process: eth-phishing-detect's lists (its npm package) plus the labelled lists in the folder PALISADE_LABELS_DIR names, if any. No chain needed.",
  example: "npx palisade check url https://metamask-airdrop.com/claim",
  positional: "url",
  options: {
    url: {
      type: "string",
      placeholder: "url",
      description: "the URL or host name to check (or give it as the word after `check url`)",
      schema: z.string().min(1, { message: "give a URL or host" }),
      required: true,
    },
  },
  async run(context, args) {
    const report = phishingEngine(context.io.env).check(args.url);
    return {
      data: report as unknown as Record<string, unknown>,
      text: renderReport(report, { color: wantsColor(context.io.stdout, context.io.env) }),
    };
  },
});
