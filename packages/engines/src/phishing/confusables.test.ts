import assert from "node:assert/strict";
import { test } from "node:test";
import { foldCharacter, isLookalike, skeleton } from "./confusables.ts";

test("skeleton folds other scripts' look-alikes, Latin marks, 0/1 and rn/vv into the ASCII name they read as", () => {
  assert.equal(skeleton("mеtamask"), "metamask"); // Cyrillic е
  assert.equal(skeleton("ορеnѕеа"), "opensea"); // Greek ο ρ, Cyrillic е ѕ а
  assert.equal(skeleton("myethęrwallęt"), "myetherwallet"); // Latin ę (decomposes)
  assert.equal(skeleton("myethеrwаllеt"), "myetherwallet");
  assert.equal(skeleton("ałphabot"), "alphabot"); // ł does not decompose: from the table
  assert.equal(skeleton("optımism"), "optimism"); // dotless ı
  assert.equal(skeleton("0pensea"), "opensea");
  assert.equal(skeleton("rnetamask"), "metamask");
  assert.equal(skeleton("vvallet"), "wallet");
  assert.equal(skeleton("1inch"), "linch");
  assert.equal(skeleton("1ínch"), "linch", "a brand and its look-alike share a skeleton");
  assert.equal(skeleton("›swар"), "swap", "separator marks vanish");
});

test("skeleton leaves ordinary ASCII names and letters without a Latin look-alike alone", () => {
  assert.equal(skeleton("google"), "google");
  assert.equal(skeleton("web3-wallet"), "web3-wallet", "3 reads as a digit: not swapped");
  assert.equal(skeleton("日本"), "日本");
  assert.equal(skeleton("москва"), "mockba", "folding is by look, whatever the language");
});

test("foldCharacter and isLookalike", () => {
  assert.equal(foldCharacter("é"), "e");
  assert.equal(foldCharacter("ẹ"), "e");
  assert.equal(foldCharacter("ß"), "ß", "no single ASCII look-alike");
  assert.equal(isLookalike("а"), true);
  assert.equal(isLookalike("a"), false, "ASCII is not a look-alike of itself");
  assert.equal(isLookalike("м"), false, "small-capital look-alikes are too weak on their own");
  assert.equal(isLookalike("ж"), false);
});
