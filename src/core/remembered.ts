/**
 * A pure function of a text that remembers its answers, for the few hot paths that ask the same
 * question over and over (a fleet repeats a handful of durations and date-times, and a plan asks
 * the same few hundred field paths for every task). The table is emptied when it reaches
 * `capacity`, so memory stays bounded whatever the input.
 */
export function remembered<R>(fn: (text: string) => R, capacity = 512): (text: string) => R {
  const answers = new Map<string, R>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined || answers.has(text)) return known as R;
    if (answers.size >= capacity) answers.clear();
    const answer = fn(text);
    answers.set(text, answer);
    return answer;
  };
}
