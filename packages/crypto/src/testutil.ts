// Helpers shared by this package's tests (not exported from the package).

/** `array[index]`, failing loudly instead of yielding undefined (strict index access in tests). */
export function at<T>(array: readonly T[], index: number): T {
  const value = array[index];
  if (value === undefined) throw new RangeError(`no element ${index} in an array of ${array.length}`);
  return value;
}
