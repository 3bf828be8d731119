package org.sild.securityserver.admin;

import static org.sild.securityserver.admin.AdminApi.V1;
import static org.sild.securityserver.admin.AdminRequests.answering;
import static org.sild.securityserver.admin.AdminRequests.client;
import static org.sild.securityserver.admin.AdminRequests.hostedClient;
import static org.sild.securityserver.admin.AdminRequests.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sild.core.id.ClientId;
import org.sild.runtime.http.ApiRequest;
import org.sild.runtime.http.ApiResponse;
import org.sild.runtime.http.RouteTable;
import org.sild.securityserver.admin.AdminJson.Group;
import org.sild.securityserver.admin.AdminJson.GroupChange;
import org.sild.securityserver.admin.AdminJson.Members;
import org.sild.securityserver.admin.AdminJson.NewGroup;
import org.sild.securityserver.admin.AdminJson.NewRight;
import org.sild.securityserver.admin.AdminJson.Right;
import org.sild.securityserver.serverconf.AccessRight;
import org.sild.securityserver.serverconf.LocalGroup;
import org.sild.securityserver.serverconf.ServerConfStore;

/** Admin resources for access rights and local groups. */
final class AccessResources {

    private final ServerConfStore store;

    AccessResources(ServerConfStore store) {
        this.store = store;
    }

    void routes(RouteTable routes) {
        String rights = V1 + "/clients/{client}/access-rights";
        String groups = V1 + "/clients/{client}/local-groups";
        routes.get(rights, answering(r -> {
                    ClientId owner = hostedClient(store, r);
                    Optional<String> code = r.queryParameter("serviceCode");
                    List<AccessRight> list = code.isPresent() ? store.accessRights().list(owner, code.get())
                            : store.accessRights().list(owner);
                    return ApiResponse.ok(list.stream().map(Right::of).toList());
                }))
                .post(rights, answering(r -> {
                    ClientId owner = client(r);
                    AccessRight right = right(r.bodyAs(NewRight.class));
                    boolean added = store.accessRights().grant(owner, right);
                    return ApiResponse.json(added ? 201 : 200, Right.of(right));
                }))
                .post(rights + "/delete", answering(r -> {
                    ClientId owner = client(r);
                    store.accessRights().revoke(owner, right(r.bodyAs(NewRight.class)));
                    return ApiResponse.noContent();
                }))
                .get(groups, answering(r -> ApiResponse.ok(store.localGroups().list(hostedClient(store, r)).stream().map(Group::of)
                        .toList())))
                .post(groups, answering(this::addGroup))
                .get(groups + "/{code}", answering(r -> ApiResponse.ok(Group.of(group(r)))))
                .patch(groups + "/{code}", answering(r -> {
                    ClientId owner = client(r);
                    String description = required("description", r.bodyAs(GroupChange.class).description());
                    return ApiResponse.ok(Group.of(store.localGroups().setDescription(owner, r.pathVariable("code"),
                            description)));
                }))
                .delete(groups + "/{code}", answering(r -> {
                    store.localGroups().delete(client(r), r.pathVariable("code"));
                    return ApiResponse.noContent();
                }))
                .post(groups + "/{code}/members", answering(r -> {
                    ClientId owner = client(r);
                    List<ClientId> members = members(r.bodyAs(Members.class).members());
                    return ApiResponse.ok(Group.of(store.localGroups().addMembers(owner, r.pathVariable("code"),
                            members)));
                }))
                .post(groups + "/{code}/members/delete", answering(r -> {
                    ClientId owner = client(r);
                    List<ClientId> members = members(r.bodyAs(Members.class).members());
                    return ApiResponse.ok(Group.of(store.localGroups().removeMembers(owner, r.pathVariable("code"),
                            members)));
                }));
    }

    private ApiResponse addGroup(ApiRequest r) {
        ClientId owner = client(r);
        NewGroup body = r.bodyAs(NewGroup.class);
        String code = required("code", body.code());
        List<ClientId> members = members(body.members().orElse(List.of()));
        LocalGroup group = store.localGroups().add(owner, code, body.description().orElse(""));
        if (!members.isEmpty()) {
            group = store.localGroups().addMembers(owner, code, members);
        }
        return ApiResponse.created(Group.of(group));
    }

    private static AccessRight right(NewRight body) {
        return new AccessRight(AdminRequests.subject(body.subject(), body.subjectType()),
                required("serviceCode", body.serviceCode()), body.method().orElse("*"), body.path().orElse("**"));
    }

    private static List<ClientId> members(List<String> members) {
        var ids = new ArrayList<ClientId>();
        for (int i = 0; i < required("members", members).size(); i++) {
            ids.add(client("members[" + i + "]", members.get(i)));
        }
        return ids;
    }

    private LocalGroup group(ApiRequest r) {
        ClientId owner = client(r);
        String code = r.pathVariable("code");
        return store.localGroups().get(owner, code).orElseThrow(() -> new FieldException(404, "not_found", "code",
                "client " + AdminJson.path(owner) + " has no local group " + code));
    }
}
