import assert from "node:assert/strict";
import { test } from "node:test";
import { scriptSpoof } from "./scriptSpoof.ts";

test("a label mixing Latin with Cyrillic or Greek letters is a spoof, whatever it spells", () => {
  assert.equal(scriptSpoof("mеtamask", true), "mixes Latin with cyrillic letters");
  assert.equal(scriptSpoof("gοogle", true), "mixes Latin with greek letters");
  assert.equal(scriptSpoof("›соnnесted›dаshbrоаd", true), "mixes Latin with cyrillic letters");
});

test("a label written only in look-alikes passes for Latin under an ASCII top-level domain only", () => {
  assert.equal(scriptSpoof("аррӏе", true), "written only in cyrillic letters that read as Latin");
  assert.equal(scriptSpoof("аррӏе", false), null, "under .рф it is Cyrillic text");
  assert.equal(scriptSpoof("президент", true), null, "п, з, и, д, н read as no Latin letter");
  assert.equal(scriptSpoof("москва", true), null, "м, к, в are only small-capital look-alikes");
});

test("Latin with diacritics and other scripts are not spoofs by themselves", () => {
  assert.equal(scriptSpoof("münchen", true), null);
  assert.equal(scriptSpoof("bücher", true), null);
  assert.equal(scriptSpoof("日本語", true), null);
  assert.equal(scriptSpoof("日本gοogle", true), null, "a third script: not a Latin look-alike");
  assert.equal(scriptSpoof("google", true), null);
});
