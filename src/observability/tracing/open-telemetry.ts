/**
 * Tracing with the official OpenTelemetry packages, imported only when an OTLP endpoint is
 * configured (app/services.ts). Spans follow the GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/): a SERVER span per gateway request and a
 * CLIENT span per upstream attempt, whose context goes upstream as `traceparent`. Attributes name
 * models, providers, counts, cost and ids: never a prompt, a completion or a credential.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  type Attributes,
  type Context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { TracingSettings } from '../../config/settings.js';
import type { NewUsageEvent } from '../../store/schema.js';
import type { GatewayTracing, RequestTrace } from './gateway-tracing.js';

/** `gen_ai.operation.name` of each data-plane route. */
const operations: Record<string, string> = {
  '/v1/chat/completions': 'chat',
  '/v1/messages': 'chat',
  '/v1/responses': 'chat',
  '/v1/completions': 'text_completion',
  '/v1/embeddings': 'embeddings',
  '/v1/messages/count_tokens': 'count_tokens',
};

function samplerFor(settings: TracingSettings): Sampler {
  const ratio = new TraceIdRatioBasedSampler(settings.samplerRatio);
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

class OpenTelemetryRequestTrace implements RequestTrace {
  private readonly requestContext: Context;
  private attempt: Span | undefined;

  constructor(
    private readonly tracing: OpenTelemetryTracing,
    private readonly span: Span,
    private readonly operation: string,
  ) {
    this.requestContext = trace.setSpan(ROOT_CONTEXT, span);
  }

  identify(accessKeyId: string, requestedModel: unknown): void {
    this.span.setAttribute('tollgate.access_key_id', accessKeyId);
    if (typeof requestedModel === 'string') this.span.setAttribute('gen_ai.request.model', requestedModel);
  }

  startAttempt(provider: string, model: string, attemptNumber: number): string | undefined {
    this.attempt?.end();
    this.attempt = this.tracing.tracer.startSpan(
      `${this.operation} ${model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': this.operation,
          'gen_ai.provider.name': provider,
          'gen_ai.request.model': model,
          'tollgate.attempt.number': attemptNumber,
        },
      },
      this.requestContext,
    );
    // Sampled or not, the upstream gets the trace id and the flag that says which.
    const carrier: Record<string, string> = {};
    this.tracing.propagator.inject(
      trace.setSpan(this.requestContext, this.attempt),
      carrier,
      defaultTextMapSetter,
    );
    return carrier.traceparent;
  }

  endAttempt(event: NewUsageEvent): void {
    const span = this.attempt;
    if (span === undefined) return;
    this.attempt = undefined;
    const attributes: Attributes = {
      'gen_ai.usage.input_tokens': event.input_tokens,
      'gen_ai.usage.output_tokens': event.output_tokens,
      'tollgate.attempt.outcome': event.completion,
      'tollgate.cost_usd': event.cost_nano_usd / 1e9,
      'tollgate.usage_estimated': event.usage_estimated === 1,
      'http.response.status_code': event.status_code,
    };
    // The model the provider was asked for and answered as (Tollgate addresses one model per attempt).
    if (event.served) attributes['gen_ai.response.model'] = event.model;
    if (event.stop_reason) attributes['gen_ai.response.finish_reasons'] = [event.stop_reason];
    span.setAttributes(attributes);
    if (event.is_error) span.setStatus({ code: SpanStatusCode.ERROR, message: event.completion });
    span.end();
    // The request's own span says what finally served it.
    if (event.served) {
      this.span.setAttributes({
        'gen_ai.provider.name': event.provider,
        'gen_ai.response.model': event.model,
        'gen_ai.usage.input_tokens': event.input_tokens,
        'gen_ai.usage.output_tokens': event.output_tokens,
        'tollgate.cost_usd': event.cost_nano_usd / 1e9,
      });
    }
  }

  end(statusCode: number): void {
    this.attempt?.end();
    this.attempt = undefined;
    this.span.setAttribute('http.response.status_code', statusCode);
    if (statusCode >= 500) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.span.end();
  }
}

class OpenTelemetryTracing implements GatewayTracing {
  readonly propagator = new W3CTraceContextPropagator();
  readonly tracer;

  constructor(private readonly provider: TracerProvider) {
    this.tracer = provider.getTracer('tollgate');
  }

  startRequest(headers: IncomingHttpHeaders, route: string, requestId: string): RequestTrace {
    const parent = this.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const operation = operations[route] ?? 'chat';
    const span = this.tracer.startSpan(
      `POST ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'POST',
          'http.route': route,
          'gen_ai.operation.name': operation,
          'tollgate.request_id': requestId,
        },
      },
      parent,
    );
    return new OpenTelemetryRequestTrace(this, span, operation);
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** Builds the tracer from the settings: OTLP over HTTP, JSON or protobuf, spans sent in batches. */
export function startTracing(settings: TracingSettings): GatewayTracing {
  const exporter =
    settings.protocol === 'http/json'
      ? new JsonExporter({ url: settings.url })
      : new ProtobufExporter({ url: settings.url });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: samplerFor(settings),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  // Not registered globally: the gateway's spans come from this provider alone, and no other
  // library's instrumentation starts reporting behind the operator's back.
  return new OpenTelemetryTracing(provider);
}
