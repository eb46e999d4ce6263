/// <reference lib="webworker" />
/**
 * The editor's image work, off its main thread: checking a picked file, decoding it, and cutting
 * the image CSDN will store from it. A large or hostile file never freezes the UI.
 */
import { answerRequests } from '../worker-replies';
import { handleImageRequest } from './image-jobs';

answerRequests(handleImageRequest);
