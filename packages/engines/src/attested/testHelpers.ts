// Shared by the attested adapters' tests (not exported from the package).

/** The mask of `fields` in `order`, computed here rather than with flagMask (an independent check). */
export function maskOf(order: readonly string[], fields: readonly string[]): bigint {
  let mask = 0n;
  order.forEach((field, bit) => {
    if (fields.includes(field)) mask += 2n ** BigInt(bit);
  });
  return mask;
}
