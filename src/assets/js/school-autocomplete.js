// Type-ahead for "School name or URN". Without JavaScript the plain text box works: the server
// matches the name or URN and, if several schools match, offers them as a choice.
const picker = document.querySelector('[data-module="app-school-autocomplete"]');
const accessibleAutocomplete = window.accessibleAutocomplete;

if (picker && accessibleAutocomplete) {
  const input = picker.querySelector('input');
  const formGroup = input.closest('.govuk-form-group');
  const container = document.createElement('div');
  input.insertAdjacentElement('afterend', container);

  let lastQuery = '';
  let pending;
  accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    showNoOptionsFound: true,
    tNoResults: () => 'No open school matches. Try fewer words, or enter the URN',
    templates: {
      inputValue: (school) => (school ? (typeof school === 'string' ? school : school.label) : ''),
      suggestion: (school) => (typeof school === 'string' ? school : school.label),
    },
    source: (query, populate) => {
      lastQuery = query;
      clearTimeout(pending);
      pending = setTimeout(() => {
        fetch(`/api/schools?q=${encodeURIComponent(query)}`, { headers: { accept: 'application/json' } })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((body) => {
            if (query === lastQuery) populate(body.results);
          })
          .catch(() => populate([]));
      }, 150);
    },
  });

  const enhanced = container.querySelector('input');
  // Keep what the plain text box described: its hint and any error message.
  const describedBy = input.getAttribute('aria-describedby');
  if (describedBy) enhanced.setAttribute('aria-describedby', describedBy);
  if (input.classList.contains('govuk-input--error')) enhanced.classList.add('autocomplete__input--error');
  input.remove();
  formGroup.classList.add('app-school-picker--enhanced');
}
