// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import '../i18n';
import { ErrorSummary } from './ErrorSummary';

afterEach(cleanup);

describe('ErrorSummary', () => {
  it('takes the focus, counts the errors and links each to its field', async () => {
    render(
      <>
        <ErrorSummary
          items={[
            { field: 'title', text: 'Hankkeen nimi: Tieto puuttuu.' },
            { field: 'budget.0.amount', text: 'Kustannuserä 1: summa (€): Tarkista tieto.' },
          ]}
          focusKey={1}
        />
        <label htmlFor="title">Hankkeen nimi</label>
        <input id="title" />
        <label htmlFor="budget.0.amount">Summa</label>
        <input id="budget.0.amount" />
      </>,
    );
    const heading = screen.getByRole('heading', { name: 'Hakemuksessa on 2 korjattavaa kohtaa' });
    expect(heading).toHaveFocus();
    await userEvent.click(screen.getByRole('link', { name: /Kustannuserä 1/ }));
    expect(screen.getByLabelText('Summa')).toHaveFocus();
  });

  it('words its heading for another form when given a title', () => {
    render(
      <ErrorSummary
        items={[{ field: 'score-network', text: 'Verkosto: Valitse pisteet 0–5' }]}
        focusKey={1}
        title="Arviossa on 1 korjattava kohta"
      />,
    );
    expect(screen.getByRole('heading', { name: 'Arviossa on 1 korjattava kohta' })).toHaveFocus();
    expect(screen.queryByText(/Hakemuksessa/)).toBeNull();
  });

  it('renders nothing without errors', () => {
    const { container } = render(<ErrorSummary items={[]} focusKey={0} />);
    expect(container).toBeEmptyDOMElement();
  });
});
