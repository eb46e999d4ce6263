import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App';
import { t } from './i18n';
import './popup.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('extName');
render(<App />, document.getElementById('app')!);
