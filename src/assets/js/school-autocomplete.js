// Type-ahead for "School name or URN". Without JavaScript the plain text box works: the server
// matches the name or URN and, if several schools match, offers them as a choice.
const picker = document.querySelector('[data-module="app-school-autocomplete"]');
const accessibleAutocomplete = window.accessibleAutocomplete;

// Said on screen when nothing matches, and by the component's live region to a screen reader
// (tStatusNoResults), which otherwise hears only "No search results".
const NO_MATCH = 'No open school matches. Try fewer words, or enter the 6-digit URN';

if (picker && accessibleAutocomplete) {
  const input = picker.querySelector('input');
  const formGroup = input.closest('.govuk-form-group');
  const container = document.createElement('div');
  input.insertAdjacentElement('afterend', container);
  // The hint and any error message, as govukInput linked them.
  const ownDescriptions = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const hasError = input.classList.contains('govuk-input--error');

  let lastQuery = '';
  let pending;
  accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    showNoOptionsFound: true,
    // The component rewrites its input's classes on every key, so the red border is given to it here.
    inputClasses: hasError ? 'govuk-input--error' : null,
    tNoResults: () => NO_MATCH,
    tStatusNoResults: () => NO_MATCH,
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
  // The component owns aria-describedby: it points it at its keyboard instructions while the box is
  // empty and removes it once something is typed (alphagov/accessible-autocomplete#332, #752). Each
  // time it changes, the hint and error go back in front of whatever the component put there, so
  // they are read on every visit and the instructions still are while the box is empty.
  const keepDescriptions = () => {
    const fromComponent = (enhanced.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id && !ownDescriptions.includes(id));
    const wanted = [...ownDescriptions, ...fromComponent].join(' ');
    if (wanted && enhanced.getAttribute('aria-describedby') !== wanted)
      enhanced.setAttribute('aria-describedby', wanted);
  };
  keepDescriptions();
  new MutationObserver(keepDescriptions).observe(enhanced, { attributes: true, attributeFilter: ['aria-describedby'] });
  input.remove();
  formGroup.classList.add('app-school-picker--enhanced');
}
