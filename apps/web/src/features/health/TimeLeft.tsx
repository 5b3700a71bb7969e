import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { minutesLeft } from './time-left';

/**
 * The time left of a break-glass window, counting down each half minute ("2 h 05 min left"); at the end
 * it says the window has closed and calls `onEnd` (the case is then read afresh: the server refuses it).
 */
export function TimeLeft({ until, onEnd }: { until: string; onEnd?: () => void }) {
  const { t } = useTranslation('health');
  const [now, setNow] = useState(() => Date.now());
  const left = minutesLeft(until, now);
  useEffect(() => {
    if (left === 0) {
      onEnd?.();
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [left, onEnd]);
  if (left === 0) return <span className="time-left time-left-ended">{t('timeLeft.ended')}</span>;
  const hours = Math.floor(left / 60);
  const minutes = left % 60;
  return (
    <span className="time-left" role="timer" aria-live="off">
      {hours > 0 ? t('timeLeft.hoursMinutes', { hours, minutes: String(minutes).padStart(2, '0') }) : t('timeLeft.minutes', { count: minutes })}
    </span>
  );
}
