// The list reporter shows skipped tests without their reason; this prints each distinct reason once
// at the end of the run, so a skip is never silent in CI logs.
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason =
      test.annotations.find((annotation) => annotation.type === 'skip')?.description ??
      'no reason given';
    const key = `[${test.parent.project()?.name ?? '?'}] ${reason}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      console.log(`skipped ${count} test${count === 1 ? '' : 's'}: ${reason}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
