/** Implementation details of {@code org.twitchtriage.batch}: unsupported, may change without notice. */
package org.twitchtriage.batch.internal;
