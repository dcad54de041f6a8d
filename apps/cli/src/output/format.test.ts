import assert from "node:assert/strict";
import { test } from "node:test";
import { duration, fields, sharePercent, table, when } from "./format.ts";
import { toJson } from "./json.ts";

test("tables align columns and trim trailing spaces", () => {
  assert.equal(
    table(
      ["id", "path"],
      [
        ["1", "/v1/address"],
        ["12", "/v1/x"],
      ],
    ),
    "id  path\n1   /v1/address\n12  /v1/x",
  );
  assert.equal(
    fields([
      ["stake", "1 PAL"],
      ["in flight", "0 PAL"],
    ]),
    "stake      1 PAL\nin flight  0 PAL",
  );
});

test("durations and times read naturally", () => {
  assert.equal(duration(45), "45 s");
  assert.equal(duration(600), "10 min");
  assert.equal(duration(90), "1 min 30 s");
  assert.equal(duration(7_500), "2 h 5 min");
  assert.equal(duration(86_400 * 3 + 3_600 * 4), "3 d 4 h");
  assert.equal(when(1_700_000_600, 1_700_000_000n), "2023-11-14T22:23:20Z (in 10 min)");
  assert.equal(when(1_700_000_000, 1_700_000_060n), "2023-11-14T22:13:20Z (1 min ago)");
});

test("JSON output writes bigints as decimal strings", () => {
  assert.equal(
    toJson({ stake: 10n ** 22n, id: 1 }),
    '{\n  "stake": "10000000000000000000000",\n  "id": 1\n}',
  );
});

test("a WAD share of the stake prints as a percentage with two decimals, rounded down", () => {
  assert.equal(sharePercent(5n * 10n ** 17n), "50%");
  assert.equal(sharePercent(10n ** 18n / 3n), "33.33%");
  assert.equal(sharePercent(10n ** 18n), "100%");
  assert.equal(sharePercent(0n), "0%");
});
