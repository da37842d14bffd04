/** The value `share` of the way up the sorted values (0.95: the 95th percentile). */
export const percentile = (values, share) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
};

/** The middle value (the upper middle of an even count). */
export const median = (values) => percentile(values, 0.5);
