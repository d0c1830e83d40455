import { useEffect, useState } from 'react';

/** Now, as a date, renewed at the next midnight (so "today's" times get their date then). */
export function useToday(): Date {
  const [today, setToday] = useState(() => new Date());
  useEffect(() => {
    const midnight = new Date(today);
    midnight.setHours(24, 0, 0, 0);
    const timer = setTimeout(() => setToday(new Date()), midnight.getTime() - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
