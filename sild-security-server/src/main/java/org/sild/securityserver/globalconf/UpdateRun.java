package org.sild.securityserver.globalconf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.FaultCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.CentralServerSource;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentPart;
import org.sild.core.globalconf.PrivateParameters;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.sild.securityserver.globalconf.UpdateResult.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the configuration client, as a sequence: download the own instance's configuration
 * from the first location that yields a verified one; download the shared parameters of every
 * federated instance the new private parameters name and the gate allows (keeping the stored copy
 * of one that fails); write all of it as a new generation; load and check it; only then put it in
 * force. Any failure before the last step leaves the configuration in force untouched.
 *
 * <p>Used once, by one thread.
 */
final class UpdateRun {

    /** The run's result and, when it succeeded, the configuration now in force. */
    record Outcome(UpdateResult result, Optional<GlobalConf> conf) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(UpdateRun.class);

    private final ConfigurationAnchor anchor;
    private final Optional<GlobalConf> previous;
    private final LocationPlanner planner;
    private final DirectoryDownloader downloader;
    private final GlobalConfStore store;
    private final AllowedFederations federations;
    private final Instant now;
    private final List<Problem> problems = new ArrayList<>();

    UpdateRun(ConfigurationAnchor anchor, Optional<GlobalConf> previous, LocationPlanner planner,
              DirectoryDownloader downloader, GlobalConfStore store, AllowedFederations federations, Instant now) {
        this.anchor = anchor;
        this.previous = previous.filter(c -> c.instance().equals(anchor.instanceIdentifier()));
        this.planner = planner;
        this.downloader = downloader;
        this.store = store;
        this.federations = federations;
        this.now = now;
    }

    Outcome run() {
        String own = anchor.instanceIdentifier();
        Optional<SharedParameters> ownShared = previous.flatMap(c -> c.stored().sharedParameters(own));
        var locations = planner.plan(own, anchor.sources(), sources(ownShared),
                ownShared.map(SharedParameters::internalVerificationCerts).orElse(List.of()), true);
        Optional<DownloadedInstance> downloaded = download(own, locations, Set.of());
        if (downloaded.isEmpty()) {
            return failed();
        }
        DownloadedInstance ownConf = downloaded.get();
        Map<String, List<PartFile>> tree = new LinkedHashMap<>();
        tree.put(own, ownConf.files());
        federate(ownConf, tree);

        Path generation;
        GlobalConf conf;
        try {
            generation = store.write(own, tree);
        } catch (XRoadException e) {
            problems.add(Problem.of(store.root().toString(), e));
            return failed();
        }
        try {
            conf = new GlobalConf(StoredGlobalConf.load(generation));
            conf.checkValid(now);
        } catch (XRoadException e) {
            store.discard(generation);
            problems.add(Problem.of(ownConf.location().toString(), e));
            return failed();
        }
        try {
            store.publish(generation);
        } catch (XRoadException e) {
            store.discard(generation);
            problems.add(Problem.of(store.root().toString(), e));
            return failed();
        }
        LOG.info("Global configuration of {} updated from {} (version {}, {} of {} parts downloaded, valid until {})",
                own, ownConf.location(), ownConf.directory().configurationVersion(), ownConf.downloadedFiles(),
                ownConf.files().size(), ownConf.directory().expireDate());
        return new Outcome(new UpdateResult(now, UpdateResult.Status.UPDATED, Optional.of(ownConf.location()),
                Optional.of(ownConf.directory().configurationVersion()),
                Optional.of(ownConf.directory().expireDate()), problems), Optional.of(conf));
    }

    private void federate(DownloadedInstance ownConf, Map<String, List<PartFile>> tree) {
        Optional<PrivateParameters> privateParameters = ownConf.part(ContentPart.PRIVATE_PARAMETERS).flatMap(p -> {
            try {
                return Optional.of(PrivateParameters.parse(p.content(), p.metadata().version()));
            } catch (XRoadException e) {
                // The check of the whole tree reports it; without them there is nothing to federate.
                return Optional.empty();
            }
        });
        for (ConfigurationAnchor partner : privateParameters.map(PrivateParameters::federationAnchors)
                .orElse(List.of())) {
            String instance = partner.instanceIdentifier();
            if (tree.containsKey(instance) || !federations.allows(instance)) {
                continue;
            }
            if (!GlobalConfStore.isSafeName(instance)) {
                problems.add(new Problem(instance, FaultCode.of(ErrorCode.MALFORMED_GLOBAL_CONF),
                        "federated instance identifier '" + instance + "' cannot be used as a directory name"));
                continue;
            }
            Optional<SharedParameters> shared = previous.flatMap(c -> c.stored().sharedParameters(instance));
            var locations = planner.plan(instance, partner.sources(), sources(shared),
                    shared.map(SharedParameters::externalVerificationCerts).orElse(List.of()), false);
            Optional<DownloadedInstance> downloaded = download(instance, locations,
                    Set.of(ContentPart.SHARED_PARAMETERS));
            List<PartFile> files;
            if (downloaded.isPresent()) {
                files = downloaded.get().files();
                if (files.isEmpty()) {
                    problems.add(new Problem(downloaded.get().location().toString(),
                            FaultCode.of(ErrorCode.MALFORMED_GLOBAL_CONF),
                            "the directory lists no shared parameters of instance " + instance));
                }
            } else {
                files = carryOver(instance);
            }
            if (!files.isEmpty()) {
                tree.put(instance, files);
            }
        }
    }

    /** The stored files of a federated instance whose download failed, so its last good parameters stay. */
    private List<PartFile> carryOver(String instance) {
        try {
            List<PartFile> files = store.files(instance);
            LOG.warn("Keeping the stored shared parameters of federated instance {} ({} files)", instance,
                    files.size());
            return files;
        } catch (XRoadException e) {
            problems.add(Problem.of(instance, e));
            return List.of();
        }
    }

    private Optional<DownloadedInstance> download(String instance, List<DownloadLocation> locations,
                                                  Set<String> contentIds) {
        if (locations.isEmpty()) {
            problems.add(new Problem(instance, FaultCode.of(ErrorCode.MALFORMED_ANCHOR),
                    "no http or https download location for instance " + instance));
            return Optional.empty();
        }
        var failures = new ArrayList<String>();
        for (DownloadLocation location : locations) {
            try {
                var downloaded = downloader.download(instance, location, contentIds,
                        (name, maxSize) -> store.read(instance, name, maxSize), now);
                planner.succeeded(instance, location.url());
                // A location tried before the working one (often HTTPS before HTTP) is not worth a warning.
                failures.forEach(f -> LOG.debug("Cannot download the global configuration of {} from {}", instance, f));
                return Optional.of(downloaded);
            } catch (RuntimeException e) {
                XRoadException x = e instanceof XRoadException xe ? xe
                        : new XRoadException(ErrorCode.INTERNAL_ERROR, e.toString(), e);
                planner.failed(instance, location.url());
                problems.add(Problem.of(location.url().toString(), x));
                failures.add(location.url() + ": " + x.code() + " " + x.getMessage());
            }
        }
        failures.forEach(f -> LOG.warn("Cannot download the global configuration of {} from {}", instance, f));
        return Optional.empty();
    }

    private Outcome failed() {
        return new Outcome(UpdateResult.failed(now, problems), Optional.empty());
    }

    private static List<CentralServerSource> sources(Optional<SharedParameters> shared) {
        return shared.map(SharedParameters::sources).orElse(List.of());
    }
}
