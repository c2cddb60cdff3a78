import type { FastifyReply, FastifyRequest } from 'fastify';
import { londonDateTime } from '../../platform/calendar/london-time.ts';
import { datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, formError, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import type { Enquiry } from './enquiries.service.ts';
import { FIRST_CONTACT_METHODS, PRIORITY_REASONS } from './enquiries.model.ts';
import { FIRST_CONTACT_METHOD_LABELS, PRIORITY_REASON_LABELS } from './enquiry-lifecycle.service.ts';
import { deskMoves, isOpen, STATUS_LABELS, type EnquiryStatus } from './enquiry-status.ts';
import { EXPIRED_FORM, enquiryHeading, enquiryPath, loadEnquiry } from './desk.pages.ts';
import type { DeskRouteServices } from './desk.handlers.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';
import {
  firstContactFormValues,
  parseCoordinatorChoice,
  parseFirstContact,
  parsePriorityReasons,
  parseStatusChange,
  priorityFormValues,
  statusFormValues,
  type FirstContactFormValues,
  type StatusFormValues,
} from './desk.schema.ts';

/** What each move the desk offers means, shown under its choice. */
function moveHint(from: EnquiryStatus, to: EnquiryStatus): string {
  if (to === 'matching' && !isOpen(from)) return 'Reopen the enquiry and look for a leader. Say why in the reason';
  if (to === 'matching' && from === 'proposed') return 'The proposal did not go ahead: look for another leader';
  if (to === 'matching') return 'Look for a leader who can give the support the school needs';
  if (to === 'declined-by-school') return 'The school decided not to go ahead with the leader proposed';
  if (to === 'withdrawn') return 'The school no longer wants support';
  return 'No suitable leader is available';
}

type Page = { values: Record<string, unknown>; errors?: FormErrors };

export function deskFormHandlers(services: DeskRouteServices) {
  const expired = (href: string): FormErrors => formError(EXPIRED_FORM, href);

  async function render(reply: FastifyReply, template: string, enquiry: Enquiry, context: Record<string, unknown>) {
    const file = await services.desk.file(actorOf(reply.request), enquiry);
    if (!file) return notFound(reply);
    return reply.render(`enquiries/views/${template}.njk`, { heading: enquiryHeading(file), ...context });
  }

  async function renderFirstContact(
    request: FastifyRequest,
    reply: FastifyReply,
    enquiry: Enquiry,
    page: { values: FirstContactFormValues; errors?: FormErrors },
  ) {
    const staff = await services.desk.staff();
    return render(reply, 'first-contact', enquiry, {
      ...page,
      methods: FIRST_CONTACT_METHODS.map((value) => ({
        value,
        text: FIRST_CONTACT_METHOD_LABELS[value],
        checked: value === page.values.method,
      })),
      people: staff.map((person) => ({
        value: String(person.id),
        text: person.id === request.user?.id ? `${person.name} (you)` : person.name,
        selected: String(person.id) === page.values.contactedBy,
      })),
    });
  }

  async function renderStatus(
    reply: FastifyReply,
    enquiry: Enquiry,
    page: { values: StatusFormValues; errors?: FormErrors },
  ) {
    return render(reply, 'status', enquiry, {
      ...page,
      moves: deskMoves(enquiry.status).map((to) => ({
        value: to,
        text: STATUS_LABELS[to],
        hint: { text: moveHint(enquiry.status, to) },
        checked: to === page.values.to,
      })),
      reopening: !isOpen(enquiry.status),
    });
  }

  async function renderCoordinator(request: FastifyRequest, reply: FastifyReply, enquiry: Enquiry, page: Page) {
    const coordinators = (await services.desk.staff()).filter((person) => person.isCoordinator);
    const chosen = String(page.values.coordinator ?? '');
    return render(reply, 'coordinator', enquiry, {
      ...page,
      choices: [
        ...coordinators.map((person) => ({
          value: String(person.id),
          text: person.id === request.user?.id ? `${person.name} (you)` : person.name,
          checked: chosen === String(person.id),
        })),
        { divider: 'or' },
        { value: 'none', text: 'No one', checked: chosen === 'none' },
      ],
    });
  }

  async function renderPriority(
    reply: FastifyReply,
    enquiry: Enquiry,
    page: { values: string[]; errors?: FormErrors },
  ) {
    return render(reply, 'priority', enquiry, {
      errors: page.errors,
      reasons: PRIORITY_REASONS.map((value) => ({
        value,
        text: PRIORITY_REASON_LABELS[value],
        checked: page.values.includes(value),
      })),
    });
  }

  /** Each handler starts the same way: the enquiry the URL names, or not found. */
  const withEnquiry =
    (handle: (request: FastifyRequest, reply: FastifyReply, enquiry: Enquiry) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const enquiry = await loadEnquiry(services, request);
      return enquiry ? handle(request, reply, enquiry) : notFound(reply);
    };
  const withEnquiryAgain =
    (
      handle: (
        request: FastifyRequest,
        reply: FastifyReply,
        enquiry: Enquiry,
        problem: FormProblem,
      ) => Promise<FastifyReply>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply, problem: FormProblem): Promise<FastifyReply> => {
      const enquiry = await loadEnquiry(services, request);
      return enquiry ? handle(request, reply, enquiry, problem) : notFound(reply);
    };

  async function done(reply: FastifyReply, enquiry: Enquiry, message: string) {
    setFlash(reply, message);
    return reply.redirect(enquiryPath(enquiry.reference), 303);
  }

  return {
    showFirstContact: withEnquiry(async (request, reply, enquiry) => {
      // Recorded already: the form to correct it, filled in as it stands. Otherwise now, as for a call just made.
      const at = londonDateTime(enquiry.firstContactAt ?? services.desk.now());
      const contactedTime = [Math.floor(at.minutesAfterMidnight / 60), at.minutesAfterMidnight % 60]
        .map((part) => String(part).padStart(2, '0'))
        .join(':');
      const values: FirstContactFormValues = enquiry.firstContactAt
        ? {
            contactedAt: datePartsOf(at.date),
            contactedTime,
            method: enquiry.firstContactMethod ?? '',
            contactedBy: String(enquiry.firstContactByUserId ?? ''),
            notes: enquiry.firstContactNotes ?? '',
            correcting: true,
            reason: '',
            lateReason: '',
          }
        : {
            contactedAt: datePartsOf(at.date),
            contactedTime,
            method: '',
            contactedBy: String(actorOf(request).id),
            notes: '',
            correcting: false,
            reason: '',
            lateReason: '',
          };
      return renderFirstContact(request, reply, enquiry, { values });
    }),

    submitFirstContact: withEnquiry(async (request, reply, enquiry) => {
      const values = firstContactFormValues(bodyOf(request));
      const parsed = parseFirstContact(values);
      // Only the correction form corrects: the recording form sent twice is refused, not taken as a change.
      const outcome = !parsed.ok
        ? parsed
        : values.correcting
          ? await services.desk.correctFirstContact(actorOf(request), enquiry, parsed.data, values.reason)
          : await services.desk.recordFirstContact(actorOf(request), enquiry, parsed.data);
      if (!outcome.ok)
        return renderFirstContact(request, reply.code(400), enquiry, {
          values,
          errors: toFormErrors(outcome.problems, { contactedAt: 'contactedAt-day' }),
        });
      return done(reply, enquiry, values.correcting ? 'First contact corrected' : 'First contact recorded');
    }),

    firstContactAgain: withEnquiryAgain(async (request, reply, enquiry, problem) =>
      renderFirstContact(request, reply.code(formProblemStatus(problem)), enquiry, {
        values: firstContactFormValues(bodyOf(request)),
        errors: expired('#contactedAt-day'),
      }),
    ),

    showStatus: withEnquiry(async (request, reply, enquiry) =>
      renderStatus(reply, enquiry, { values: { to: field(request.query as Record<string, unknown>, 'to'), note: '' } }),
    ),

    submitStatus: withEnquiry(async (request, reply, enquiry) => {
      const values = statusFormValues(bodyOf(request));
      const parsed = parseStatusChange(values);
      if (!parsed.ok) return renderStatus(reply.code(400), enquiry, { values, errors: toFormErrors(parsed.problems) });
      const outcome = await services.desk.changeStatus(actorOf(request), enquiry, parsed.data.to, parsed.data.note);
      if (!outcome.ok) {
        // Someone may have moved it meanwhile: offer the moves open to it now.
        const current = (await services.desk.findEnquiry(enquiry.reference)) ?? enquiry;
        return renderStatus(reply.code(400), current, { values, errors: toFormErrors(outcome.problems) });
      }
      return done(reply, enquiry, `Status changed to ‘${STATUS_LABELS[parsed.data.to].toLowerCase()}’`);
    }),

    statusAgain: withEnquiryAgain(async (request, reply, enquiry, problem) =>
      renderStatus(reply.code(formProblemStatus(problem)), enquiry, {
        values: statusFormValues(bodyOf(request)),
        errors: expired('#to'),
      }),
    ),

    showCoordinator: withEnquiry(async (request, reply, enquiry) =>
      renderCoordinator(request, reply, enquiry, {
        values: { coordinator: enquiry.coordinatorUserId === null ? '' : String(enquiry.coordinatorUserId) },
      }),
    ),

    submitCoordinator: withEnquiry(async (request, reply, enquiry) => {
      const chosen = field(bodyOf(request), 'coordinator');
      const again = (problems: FieldProblem[]) =>
        renderCoordinator(request, reply.code(400), enquiry, {
          values: { coordinator: chosen },
          errors: toFormErrors(problems),
        });
      const parsed = parseCoordinatorChoice(chosen);
      if (!parsed.ok) return again(parsed.problems);
      const outcome = await services.desk.assign(actorOf(request), enquiry, parsed.data.coordinatorUserId);
      if (!outcome.ok) return again(outcome.problems);
      return done(
        reply,
        enquiry,
        parsed.data.coordinatorUserId === null ? 'The enquiry is not assigned to anyone' : 'Coordinator saved',
      );
    }),

    coordinatorAgain: withEnquiryAgain(async (request, reply, enquiry, problem) =>
      renderCoordinator(request, reply.code(formProblemStatus(problem)), enquiry, {
        values: { coordinator: field(bodyOf(request), 'coordinator') },
        errors: expired('#coordinator'),
      }),
    ),

    showPriority: withEnquiry(async (_request, reply, enquiry) =>
      renderPriority(reply, enquiry, { values: enquiry.priorityReasons }),
    ),

    submitPriority: withEnquiry(async (request, reply, enquiry) => {
      const values = priorityFormValues(bodyOf(request));
      const parsed = parsePriorityReasons(values);
      const outcome = parsed.ok
        ? await services.desk.setPriority(actorOf(request), enquiry, parsed.data.reasons)
        : parsed;
      if (!outcome.ok)
        return renderPriority(reply.code(400), enquiry, { values, errors: toFormErrors(outcome.problems) });
      return done(reply, enquiry, 'Priority saved');
    }),

    priorityAgain: withEnquiryAgain(async (request, reply, enquiry, problem) =>
      renderPriority(reply.code(formProblemStatus(problem)), enquiry, {
        values: priorityFormValues(bodyOf(request)),
        errors: expired('#priorityReasons'),
      }),
    ),
  };
}
