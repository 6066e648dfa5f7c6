// A caller number that copies itself on click, so a call-taker never retypes it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The async clipboard needs a secure context; a desk on plain http falls back to a selection.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function CopyNumber({ number, testId }: { number: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const id = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <button
      type="button"
      className="copy-number fig"
      title={t('queue.copy')}
      data-testid={testId}
      onClick={() => void copyText(number).then(setCopied)}
    >
      {number}
      <span className="copy-state" aria-live="polite">
        {copied ? ` ✓ ${t('queue.copied')}` : ''}
      </span>
    </button>
  );
}
