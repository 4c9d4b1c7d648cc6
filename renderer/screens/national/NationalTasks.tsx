import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api } from '../../api';
import { href } from '../../routes';

/**
 * The registrar's tasks from the national check (issue #14 §2): intakes HQ found a likely match for at
 * another centre, until someone links the records or says they are not the same person. Shown only when
 * there is one, on the due-now board.
 */
export function NationalTasks() {
  const titleId = useId();
  const tasks = useQuery({ queryKey: ['national', 'tasks'], queryFn: () => api.national.tasks({}) });
  const list = tasks.data?.tasks ?? [];
  if (!list.length) return null;
  return (
    <section className="card national-tasks" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="national.tasks.title" />
      </h2>
      <p className="field__hint">
        <FormattedMessage id="national.tasks.intro" />
      </p>
      <ul className="plain-list">
        {list.map((t) => (
          <li key={t.personId}>
            <FormattedMessage id="national.tasks.row" values={{ name: t.nameLatin, no: t.registerNo, count: t.candidates }} />{' '}
            <a className="button button--small" href={href({ name: 'person', personId: t.personId })}>
              <FormattedMessage id="national.tasks.open" />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
