import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { isMessageKey } from '../i18n';
import { firstFieldSelector } from './focus';

type Ref = { key: string; params?: Record<string, string | number> };

/** A field of the form that is marked wrong: what its label says, and where typing resumes. */
interface InvalidField {
  label: string;
  target: HTMLElement;
}

/**
 * The fields a form marks wrong, in the order they appear. Every field of the app marks itself with
 * `field--invalid` and names itself with its legend or label, so the banner needs no list of its own.
 */
export function invalidFields(form: ParentNode | null): InvalidField[] {
  if (!form) return [];
  const out: InvalidField[] = [];
  for (const box of form.querySelectorAll<HTMLElement>('.field--invalid')) {
    const named = box.querySelector(':scope > legend') ?? box.querySelector('.field__label') ?? box.querySelector('legend, label');
    const label = named?.textContent?.replace(/\s+/g, ' ').trim();
    const target = box.querySelector<HTMLElement>(firstFieldSelector);
    if (label && target && !out.some((f) => f.target === target)) out.push({ label, target });
  }
  return out;
}

const same = (a: InvalidField[], b: InvalidField[]) => a.length === b.length && a.every((f, i) => f.label === b[i]!.label && f.target === b[i]!.target);

/**
 * The form-level message (issue #11 §5): it names each field that needs attention, as a button that
 * takes the user there, and a new problem moves the focus to the first wrong field (unless it is in one
 * already). The reason itself stays beside its field, said once. Problems with no input on this form
 * are listed in words.
 */
export function FormProblems({ alert, extra }: { alert: Ref | null; extra?: readonly Ref[] }) {
  const intl = useIntl();
  const box = useRef<HTMLDivElement>(null);
  const [fields, setFields] = useState<InvalidField[]>([]);
  const announced = useRef<string | null>(null);
  const problemKey = alert ? JSON.stringify([alert, extra ?? []]) : null;

  // Fields turn right (or wrong) as the user types, and the list follows them: every field marks its
  // state in its class, so a watch on the form's classes is enough.
  const shown = alert !== null;
  useEffect(() => {
    const form = box.current?.closest('form') ?? null;
    if (!form) return;
    const look = () => {
      const found = invalidFields(form);
      setFields((prev) => (same(prev, found) ? prev : found));
    };
    look();
    const watch = new MutationObserver(look);
    watch.observe(form, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    return () => watch.disconnect();
  }, [shown]);

  useEffect(() => {
    if (problemKey === null || problemKey === announced.current) return;
    announced.current = problemKey;
    const found = invalidFields(box.current?.closest('form') ?? null);
    const active = document.activeElement;
    if (found.length && !found.some((f) => f.target.closest('.field--invalid')?.contains(active))) found[0]!.target.focus();
  }, [problemKey]);

  if (!alert) return null;
  const t = (r: Ref) => (isMessageKey(r.key) ? intl.formatMessage({ id: r.key }, r.params) : intl.formatMessage({ id: 'app.unexpectedError' }));
  return (
    <div role="alert" className="alert alert--error" ref={box}>
      <p>{t(alert)}</p>
      {fields.length ? (
        <div className="form-problems__fields">
          <span>{intl.formatMessage({ id: 'form.problems.fields' })}</span>
          <ul className="form-problems__list">
            {fields.map((f, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="form-problems__go"
                  onClick={() => {
                    f.target.scrollIntoView({ block: 'center' });
                    f.target.focus();
                  }}
                >
                  {f.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {extra && extra.length ? (
        <ul className="plain-list">
          {extra.map((e) => (
            <li key={e.key}>{t(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
