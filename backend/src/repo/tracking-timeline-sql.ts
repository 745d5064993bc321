// Opens and clicks are stored once, in tracking_events, and appear on the contact's timeline through this
// projection instead of a second row in timeline_events (the second row doubled the pixel's write cost: see
// bench:tracking in the README). Every reader of the timeline (the card, the export) unions timeline_events
// with this; the payload has the shape the recorder used to write: trackingEventId, sendJobId, sequenceId,
// stepId, label, reason, counted, and for clicks url, linkId and buyingSignal.

/** FROM clause: alias t for the tracking event, with its send, enrollment and link (all optional). */
export const trackingTimelineFrom = `tracking_events t
  LEFT JOIN send_jobs ts ON ts.id = t.send_job_id AND ts.workspace_id = t.workspace_id
  LEFT JOIN enrollments te ON te.id = ts.enrollment_id AND te.workspace_id = t.workspace_id
  LEFT JOIN tracked_links tl ON tl.id = t.link_id AND tl.workspace_id = t.workspace_id`;

const basePayload = `'trackingEventId', t.id, 'sendJobId', t.send_job_id, 'sequenceId', te.sequence_id,
  'stepId', ts.step_id, 'label', t.label, 'reason', t.reason, 'counted', json(iif(t.label = 'human', 'true', 'false'))`;

/** The timeline columns (id, contact_id, type, actor, occurred_at, payload) of a tracking event. */
export const trackingTimelineColumns = `t.id AS id, t.contact_id AS contact_id, t.kind AS type,
  'system:tracking' AS actor, t.occurred_at AS occurred_at,
  CASE WHEN tl.id IS NULL THEN json_object(${basePayload})
    ELSE json_object(${basePayload}, 'url', tl.url, 'linkId', tl.id,
      'buyingSignal', json(iif(tl.buying_signal, 'true', 'false'))) END AS payload`;
