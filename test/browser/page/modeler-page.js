/* global window, document, performance */
// The test page: a bpmn-js editor that loads client plugins and lints the way the Camunda Desktop
// Modeler does (@camunda/linting, `lintRules.bpmn` plugins, the editor's definitions), or the way
// bpmn-js-bpmnlint does. Driven by test/browser/modeler-plugin.test.ts through window.seamPage.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@camunda/linting/assets/linting.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './modeler-page.css';

import Modeler from 'bpmn-js/lib/Modeler';
import { Linter } from '@camunda/linting';
import CamundaLintingModule from '@camunda/linting/modeler';
import BpmnlintModule from 'bpmn-js-bpmnlint';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import modelerModdle from 'modeler-moddle/resources/modeler.json';

// What the Modeler's C7 editor knows: Camunda 7 extensions and the modeler:* attributes.
const moddleExtensions = { camunda: camundaModdle, modeler: modelerModdle };

let editor = null;

/** As the Modeler's renderer loads a plugin's script: a <script> tag, in order, then window.plugins. */
function loadClientPlugin(name, src) {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = src;
    tag.type = 'text/javascript';
    tag.async = false;
    tag.onload = resolve;
    tag.onerror = () => reject(new Error(`could not load plugin script ${src}`));
    tag.dataset.name = name;
    document.head.appendChild(tag);
  });
}

function pluginsOfType(type) {
  return (window.plugins || []).filter((registration) => registration.type === type).map((registration) => registration.plugin);
}

/** One lint path: how it is set up in the editor and how it lints the current definitions. */
const paths = {
  // The Desktop Modeler (C7 tab): Linter({ modeler: 'desktop', type: 'platform', plugins }) on
  // modeler.getDefinitions(), results shown by @camunda/linting's modeler module.
  'camunda-linting': {
    modeler: () => new Modeler({ container: '#canvas', moddleExtensions, additionalModules: [CamundaLintingModule], linting: { active: true } }),
    async lint(modeler) {
      const linter = new Linter({ modeler: 'desktop', type: 'platform', plugins: pluginsOfType('lintRules.bpmn') });
      const started = performance.now();
      const reports = await linter.lint(modeler.getDefinitions());
      const ms = performance.now() - started;
      modeler.get('linting').setErrors(reports);
      return { ms, reports: reports.map(({ id, rule, category, message, meta }) => ({ id, rule, category, message, url: meta?.documentation?.url })) };
    },
  },
  // bpmn-js-bpmnlint: the plugin's { config, resolver } as linting.bpmnlint; it lints on import and change.
  'bpmn-js-bpmnlint': {
    modeler: () =>
      new Modeler({
        container: '#canvas',
        moddleExtensions,
        additionalModules: [BpmnlintModule],
        linting: { bpmnlint: pluginsOfType('lintRules.bpmn')[0], active: true },
      }),
    async lint(modeler) {
      const shown = new Promise((resolve) => modeler.get('eventBus').once('linting.completed', resolve));
      const started = performance.now();
      await modeler.get('linting').lint();
      const ms = performance.now() - started;
      modeler.get('linting').update();
      const { issues } = await shown;
      const reports = Object.values(issues)
        .flat()
        .map(({ id, rule, category, message, meta }) => ({ id, rule, category, message, url: meta?.documentation?.url }));
      return { ms, reports };
    },
  },
};

/** The Modeler's problems panel, reduced to a list, so a screenshot shows every finding. */
function showProblems(title, reports) {
  const panel = document.querySelector('#problems');
  panel.replaceChildren();
  const heading = document.createElement('h2');
  heading.textContent = `${title}: ${reports.length} problem(s)`;
  panel.append(heading);
  for (const report of reports) {
    const item = document.createElement('p');
    item.className = `problem ${report.category}`;
    item.textContent = `${report.category}  ${report.id}  ${report.rule}: ${report.message}`;
    panel.append(item);
  }
}

window.seamPage = {
  async loadPlugins(plugins) {
    for (const { name, script } of plugins) await loadClientPlugin(name, script);
    return pluginsOfType('lintRules.bpmn').length;
  },

  async open(via, xml, title) {
    editor?.modeler.destroy();
    editor = { via, title, modeler: paths[via].modeler() };
    await editor.modeler.importXML(xml);
    editor.modeler.get('canvas').zoom('fit-viewport', 'auto');
    return this.lint();
  },

  async lint() {
    const result = await paths[editor.via].lint(editor.modeler);
    showProblems(`${editor.title} (${editor.via})`, result.reports);
    return result;
  },

  /** A modeler renames a message in the editor (properties panel → Message → Name). */
  async renameMessage(elementId, name) {
    const element = editor.modeler.get('elementRegistry').get(elementId);
    editor.modeler.get('modeling').updateModdleProperties(element, element.businessObject.messageRef, { name });
    editor.title += `, message renamed to ${name}`;
    return this.lint();
  },

  /** Element ids that carry a lint overlay in the canvas. */
  overlaysShown() {
    const ids = [...document.querySelectorAll('.djs-overlay-container .djs-overlays')]
      .filter((overlays) => overlays.querySelector('.cl-overlay-root, .bjsl-overlay'))
      .map((overlays) => overlays.dataset.containerId);
    return [...new Set(ids)].sort();
  },
};
