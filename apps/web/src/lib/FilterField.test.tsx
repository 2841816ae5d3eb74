import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FilterField } from './FilterField.js';

afterEach(cleanup);

describe('the filter field', () => {
  it('takes focus on / from anywhere but another field, where / is typed as usual', () => {
    render(
      <>
        <FilterField label="Filter rules" placeholder="Filter" value="tcp" onChange={vi.fn()} describedBy="x" />
        <input aria-label="Other" />
        <button type="button">Elsewhere</button>
      </>,
    );
    const filter = screen.getByRole('searchbox', { name: 'Filter rules' });
    screen.getByRole('button', { name: 'Elsewhere' }).focus();
    fireEvent.keyDown(document.activeElement!, { key: '/' });
    expect(document.activeElement).toBe(filter);

    const other = screen.getByRole('textbox', { name: 'Other' });
    other.focus();
    const typed = fireEvent.keyDown(other, { key: '/' });
    expect(typed).toBe(true); // not prevented: the slash goes into the field
    expect(document.activeElement).toBe(other);
    expect(filter.getAttribute('aria-keyshortcuts')).toBe('/');
  });
});

describe('the filter field as the page feeds it', () => {
  it('keeps what is typed while the page is a step behind, and takes a change made elsewhere', () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <FilterField label="Filter" placeholder="" value="" onChange={onChange} describedBy="x" />,
    );
    const field = screen.getByRole('searchbox', { name: 'Filter' });
    field.focus();
    fireEvent.change(field, { target: { value: '10' } });
    // The URL has caught up with only the first key yet.
    rerender(<FilterField label="Filter" placeholder="" value="1" onChange={onChange} describedBy="x" />);
    expect(field).toHaveProperty('value', '10');
    fireEvent.change(field, { target: { value: '10.' } });
    expect(onChange).toHaveBeenLastCalledWith('10.');
    // Elsewhere (a clear button, back): the field has lost focus, and shows the page's value.
    field.blur();
    rerender(<FilterField label="Filter" placeholder="" value="" onChange={onChange} describedBy="x" />);
    expect(field).toHaveProperty('value', '');
  });
});
