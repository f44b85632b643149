import { Alert, App, Button, Card, Flex, Input, List, Segmented, Skeleton, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, problemMessage, unwrap } from '../../api/problem.ts';
import type { DefinitionUpload, ValidationError } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { productCodePattern, readDefinition } from '../../catalog/definition.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  definitionPointer,
  type EditorMode,
  inSchemaOrder,
  newProductTemplate,
  nextVersionDraft,
  parseJson,
  pointerText,
  toJson,
  toYaml,
} from './editorText.ts';

/** How long typing pauses before the definition is checked. */
const validateDelay = 600;

type Check =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'syntax'; message: string }
  | { state: 'done'; ok: boolean; errors: ValidationError[] }
  | { state: 'failed'; error: unknown };

function uploadOf(mode: EditorMode, text: string): DefinitionUpload | { syntax: string } {
  if (mode === 'yaml') return { yaml: text };
  const parsed = parseJson(text);
  return parsed.ok ? { definition: parsed.value } : { syntax: parsed.message };
}

/** Errors a 422 carries (a YAML syntax error, or the definition's errors on publishing). */
function problemErrors(error: unknown): ValidationError[] | null {
  return isApiError(error) && error.status === 422 && error.problem?.errors ? error.problem.errors : null;
}

function CheckResult({ check }: { check: Check }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (check.state) {
    case 'empty':
      return <Alert type="info" showIcon title={t('editor.empty')} data-testid="editor-status" />;
    case 'checking':
      return (
        <Flex gap="small" align="center" data-testid="editor-status" data-state="checking">
          <Spin size="small" />
          <Typography.Text type="secondary">{t('editor.checking')}</Typography.Text>
        </Flex>
      );
    case 'syntax':
      return (
        <Alert
          type="error"
          showIcon
          title={t('editor.jsonSyntax', { message: check.message })}
          data-testid="editor-errors"
          data-state="syntax"
        />
      );
    case 'failed':
      return <ProblemAlert error={check.error} testId="editor-check-failed" />;
    case 'done':
      return check.ok ? (
        <Alert
          type="success"
          showIcon
          title={t('editor.valid')}
          data-testid="editor-status"
          data-state="valid"
        />
      ) : (
        <Card
          size="small"
          title={t('editor.errorCount', { count: check.errors.length })}
          data-testid="editor-errors"
          data-state="invalid"
        >
          <List
            size="small"
            dataSource={check.errors}
            renderItem={(e) => {
              const pointer = definitionPointer(e.path);
              return (
                <List.Item data-testid="editor-error" data-path={pointer}>
                  <Flex vertical>
                    <Typography.Text code>
                      {pointer ? pointerText(pointer) : t('editor.root')}
                    </Typography.Text>
                    <Typography.Text>{problemMessage(e, language)}</Typography.Text>
                  </Flex>
                </List.Item>
              );
            }}
          />
        </Card>
      );
  }
}

function Editor({ initial, title }: { initial: Record<string, unknown>; title: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [mode, setMode] = useState<EditorMode>('json');
  const [text, setText] = useState(() => toJson(initial));
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<unknown>();
  // Answers to older text are dropped: only the newest check is shown.
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (text.trim() === '') {
      setCheck({ state: 'empty' });
      return;
    }
    setCheck({ state: 'checking' });
    const timer = window.setTimeout(async () => {
      const upload = uploadOf(mode, text);
      if ('syntax' in upload) {
        setCheck({ state: 'syntax', message: upload.syntax });
        return;
      }
      try {
        const answer = await unwrap(api.POST('/api/products/validate', { body: upload }));
        if (mine === generation.current) setCheck({ state: 'done', ok: answer.ok, errors: answer.errors });
      } catch (error) {
        if (mine !== generation.current) return;
        const errors = problemErrors(error);
        setCheck(errors ? { state: 'done', ok: false, errors } : { state: 'failed', error });
      }
    }, validateDelay);
    return () => window.clearTimeout(timer);
  }, [mode, text]);

  const switchMode = (next: EditorMode) => {
    if (next === mode) return;
    const parsed = parseJson(text);
    if (next === 'yaml') {
      // JSON is YAML already; when it parses, it is rewritten in YAML's own style.
      if (parsed.ok) setText(toYaml(parsed.value));
      setMode('yaml');
    } else if (parsed.ok) {
      setText(toJson(parsed.value));
      setMode('json');
    } else {
      void message.warning(t('editor.cannotToJson'));
    }
  };

  const publish = async () => {
    const upload = uploadOf(mode, text);
    if ('syntax' in upload) {
      setCheck({ state: 'syntax', message: upload.syntax });
      return;
    }
    setPublishing(true);
    setPublishError(undefined);
    try {
      const created = await unwrap(api.POST('/api/products', { body: upload }));
      void message.success(t('editor.published', { code: created.code, version: created.version }));
      navigate(`/products/${created.code}?version=${created.version}&tab=versions`);
    } catch (error) {
      setPublishError(error);
      const errors = problemErrors(error);
      if (errors) setCheck({ state: 'done', ok: false, errors });
    } finally {
      setPublishing(false);
    }
  };

  return (
    <>
      <PageHeader
        page="product-editor"
        title={title}
        extra={
          <Button
            type="primary"
            onClick={() => void publish()}
            loading={publishing}
            disabled={text.trim() === ''}
            data-testid="editor-publish"
          >
            {t('editor.publish')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        {t('editor.intro')}{' '}
        <Typography.Link href="/api/catalog/schema/product.json" target="_blank" rel="noreferrer">
          {t('editor.schemaLink')}
        </Typography.Link>
      </Typography.Paragraph>
      <Flex vertical gap="middle">
        <ProblemAlert error={publishError} testId="editor-publish-error" />
        <Flex gap="middle" align="center" wrap>
          <Typography.Text>{t('editor.mode')}</Typography.Text>
          <Segmented<EditorMode>
            value={mode}
            onChange={switchMode}
            options={[
              { value: 'json', label: <span data-testid="editor-mode-json">JSON</span> },
              { value: 'yaml', label: <span data-testid="editor-mode-yaml">YAML</span> },
            ]}
          />
          <Typography.Text type="secondary">{t(`editor.modeHint.${mode}`)}</Typography.Text>
        </Flex>
        <Flex gap="middle" wrap align="flex-start">
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoSize={{ minRows: 24, maxRows: 48 }}
            aria-label={t('editor.textLabel')}
            style={{
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: 13,
              flex: '2 1 560px',
            }}
            data-testid="editor-text"
          />
          <div style={{ flex: '1 1 320px', minWidth: 0, position: 'sticky', top: 16 }}>
            <CheckResult check={check} />
          </div>
        </Flex>
      </Flex>
    </>
  );
}

function versionOf(value: string | null): number | undefined {
  return value !== null && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : undefined;
}

/** A new version of an existing product (`?from=CODE&version=N`): the definition of that version, numbered next. */
function NewVersion({ code, version }: { code: string; version: number | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const detail = useApiData(`${code}@${version ?? 'current'}`, () =>
    version === undefined
      ? unwrap(api.GET('/api/products/{code}', { params: { path: { code } } }))
      : unwrap(api.GET('/api/products/{code}/versions/{version}', { params: { path: { code, version } } })),
  );
  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const definition = readDefinition(detail.data.definition);
  if (!definition) return <Alert type="error" showIcon title={t('product.unreadable')} />;
  // Versions are numbered without gaps: the next one follows the newest stored, whatever its status.
  const next = Math.max(detail.data.version, ...detail.data.versions.map((v) => v.version)) + 1;
  const initial = nextVersionDraft(inSchemaOrder({ ...definition }) as Record<string, unknown>, next);
  return (
    <Editor
      initial={initial}
      title={t('editor.newVersionTitle', { name: pick(definition.names, language), version: next })}
    />
  );
}

/** A new product: a skeleton naming the writer's own organisation by its USCC. */
function NewProduct() {
  const { t } = useTranslation();
  const me = useMe();
  const org = useApiData(`org:${me.organisation.id}`, () =>
    unwrap(api.GET('/api/orgs/{orgId}', { params: { path: { orgId: me.organisation.id } } })).catch(
      () => null,
    ),
  );
  if (org.loading) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <Editor
      initial={newProductTemplate(org.data?.uscc ?? null, todayInShanghai())}
      title={t('editor.newTitle')}
    />
  );
}

/** 产品发布 `/products/new`: write a definition (JSON or YAML), checked as you type, published as a draft. */
export function ProductEditorPage() {
  const [params] = useSearchParams();
  const from = params.get('from');
  if (from && productCodePattern.test(from))
    return <NewVersion key={from} code={from} version={versionOf(params.get('version'))} />;
  return <NewProduct />;
}
