"""The field tables of the Kubernetes messages whose protobuf bodies the apiserver decodes.

Each message is one string, `"<number> <json name> <type>; ..."` in the Go struct's field order, derived from
k8s.io/api and k8s.io/apimachinery v0.32.0 (field numbers from generated.proto, JSON names, `omitempty` and
pointers from the Go struct tags):
- a JSON name ending in `!` has no `omitempty`: Go's JSON writes its zero value (`null` for a nil pointer,
  slice or map); `...` is an embedded struct whose fields JSON writes inline in the parent;
- a type is `string`, `bytes` (JSON base64), `int32`, `int64`, `bool`, or a message: bare names are in the same
  package, others are qualified (`meta/v1.ObjectMeta`, `resource.Quantity`, `intstr.IntOrString`);
  `*` marks a Go pointer, `[]` a repeated field, `map[string]V` a map (repeated `{1: key, 2: value}` entries).
Time, Quantity, IntOrString, FieldsV1 and ExtraValue are messages here too; `decode` writes them in their own JSON
forms (an RFC 3339 string, a quantity string, a number or string, the fields object, a list of strings).

Covered, with every field of those kinds: what kubectl 1.32 sends as protobuf (`create <generator>`, `create job
--from`, `create token`, `auth can-i|whoami`, `autoscale`, `certificate approve`, `drain --disable-eviction`'s
DeleteOptions, `debug`'s Pod), and Eviction and v2 HorizontalPodAutoscalers of other client-go programs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

SCALARS = frozenset({"string", "bytes", "int32", "int64", "bool"})


@dataclass(frozen=True)
class Field:
    number: int
    name: str         # the JSON name; "" for an embedded struct whose fields JSON writes into the parent
    type: str         # a scalar of SCALARS or a qualified message name ("core/v1.PodSpec")
    repeated: bool
    map: bool         # map[string]<type>
    pointer: bool     # a Go pointer: nil (absent on the wire) unless set
    omitempty: bool

    @property
    def struct(self) -> bool:
        """A non-pointer message: Go's JSON writes it (`{}` at least) whatever `omitempty` says."""
        return not (self.pointer or self.repeated or self.map or self.type in SCALARS)

    @property
    def go_name(self) -> str:
        """The Go field's name as unmarshalling errors spell it (near enough: `Name`, `CreationTimestamp`)."""
        return self.name[:1].upper() + self.name[1:] if self.name else self.type.rsplit(".", 1)[1]


# apiVersion -> (the package of its messages here, the kinds decodable from bodies of that apiVersion)
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "v1": ("core/v1", frozenset({"ConfigMap", "Namespace", "Pod", "ResourceQuota", "Secret", "Service",
                                 "ServiceAccount"})),
    "apps/v1": ("apps/v1", frozenset({"Deployment"})),
    "authentication.k8s.io/v1": ("authentication/v1", frozenset({"SelfSubjectReview", "TokenRequest"})),
    "authorization.k8s.io/v1": ("authorization/v1", frozenset({
        "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"})),
    "autoscaling/v1": ("autoscaling/v1", frozenset({"HorizontalPodAutoscaler"})),
    "autoscaling/v2": ("autoscaling/v2", frozenset({"HorizontalPodAutoscaler"})),
    "batch/v1": ("batch/v1", frozenset({"CronJob", "Job"})),
    "certificates.k8s.io/v1": ("certificates/v1", frozenset({"CertificateSigningRequest"})),
    "meta.k8s.io/v1": ("meta/v1", frozenset()),   # DeleteOptions only, as in every group version
    "networking.k8s.io/v1": ("networking/v1", frozenset({"Ingress"})),
    "policy/v1": ("policy/v1", frozenset({"Eviction", "PodDisruptionBudget"})),
    "rbac.authorization.k8s.io/v1": ("rbac/v1", frozenset({"ClusterRole", "ClusterRoleBinding", "Role",
                                                          "RoleBinding"})),
    "scheduling.k8s.io/v1": ("scheduling/v1", frozenset({"PriorityClass"})),
}

PACKAGES: dict[str, dict[str, str]] = {
    "intstr": {
        "IntOrString": "1 type! int64; 2 intVal! int32; 3 strVal! string",
    },
    "resource": {
        "Quantity": "1 string! string",
    },
    "apps/v1": {
        "Deployment": "1 metadata meta/v1.ObjectMeta; 2 spec DeploymentSpec; 3 status DeploymentStatus",
        "DeploymentCondition": ("1 type! string; 2 status! string; 6 lastUpdateTime meta/v1.Time; "
                                "7 lastTransitionTime meta/v1.Time; 4 reason string; 5 message string"),
        "DeploymentSpec": ("1 replicas *int32; 2 selector! *meta/v1.LabelSelector; "
                           "3 template! core/v1.PodTemplateSpec; 4 strategy DeploymentStrategy; "
                           "5 minReadySeconds int32; 6 revisionHistoryLimit *int32; 7 paused bool; "
                           "9 progressDeadlineSeconds *int32"),
        "DeploymentStatus": ("1 observedGeneration int64; 2 replicas int32; 3 updatedReplicas int32; "
                             "7 readyReplicas int32; 4 availableReplicas int32; 5 unavailableReplicas int32; "
                             "6 conditions []DeploymentCondition; 8 collisionCount *int32"),
        "DeploymentStrategy": "1 type string; 2 rollingUpdate *RollingUpdateDeployment",
        "RollingUpdateDeployment": "1 maxUnavailable *intstr.IntOrString; 2 maxSurge *intstr.IntOrString",
    },
    "authentication/v1": {
        "ExtraValue": "1 items! []string",
        "BoundObjectReference": "1 kind string; 2 apiVersion string; 3 name string; 4 uid string",
        "SelfSubjectReview": "1 metadata meta/v1.ObjectMeta; 2 status SelfSubjectReviewStatus",
        "SelfSubjectReviewStatus": "1 userInfo UserInfo",
        "TokenRequest": "1 metadata meta/v1.ObjectMeta; 2 spec! TokenRequestSpec; 3 status TokenRequestStatus",
        "TokenRequestSpec": ("1 audiences! []string; 4 expirationSeconds! *int64; "
                             "3 boundObjectRef! *BoundObjectReference"),
        "TokenRequestStatus": "1 token! string; 2 expirationTimestamp! meta/v1.Time",
        "UserInfo": "1 username string; 2 uid string; 3 groups []string; 4 extra map[string]ExtraValue",
    },
    "authorization/v1": {
        "ExtraValue": "1 items! []string",
        "FieldSelectorAttributes": "1 rawSelector string; 2 requirements []meta/v1.FieldSelectorRequirement",
        "LabelSelectorAttributes": "1 rawSelector string; 2 requirements []meta/v1.LabelSelectorRequirement",
        "LocalSubjectAccessReview": ("1 metadata meta/v1.ObjectMeta; 2 spec! SubjectAccessReviewSpec; "
                                     "3 status SubjectAccessReviewStatus"),
        "NonResourceAttributes": "1 path string; 2 verb string",
        "NonResourceRule": "1 verbs! []string; 2 nonResourceURLs []string",
        "ResourceAttributes": ("1 namespace string; 2 verb string; 3 group string; 4 version string; "
                               "5 resource string; 6 subresource string; 7 name string; "
                               "8 fieldSelector *FieldSelectorAttributes; 9 labelSelector *LabelSelectorAttributes"),
        "ResourceRule": "1 verbs! []string; 2 apiGroups []string; 3 resources []string; 4 resourceNames []string",
        "SelfSubjectAccessReview": ("1 metadata meta/v1.ObjectMeta; 2 spec! SelfSubjectAccessReviewSpec; "
                                    "3 status SubjectAccessReviewStatus"),
        "SelfSubjectAccessReviewSpec": ("1 resourceAttributes *ResourceAttributes; "
                                        "2 nonResourceAttributes *NonResourceAttributes"),
        "SelfSubjectRulesReview": ("1 metadata meta/v1.ObjectMeta; 2 spec! SelfSubjectRulesReviewSpec; "
                                   "3 status SubjectRulesReviewStatus"),
        "SelfSubjectRulesReviewSpec": "1 namespace string",
        "SubjectAccessReview": ("1 metadata meta/v1.ObjectMeta; 2 spec! SubjectAccessReviewSpec; "
                                "3 status SubjectAccessReviewStatus"),
        "SubjectAccessReviewSpec": ("1 resourceAttributes *ResourceAttributes; "
                                    "2 nonResourceAttributes *NonResourceAttributes; 3 user string; 4 groups []string; "
                                    "5 extra map[string]ExtraValue; 6 uid string"),
        "SubjectAccessReviewStatus": "1 allowed! bool; 4 denied bool; 2 reason string; 3 evaluationError string",
        "SubjectRulesReviewStatus": ("1 resourceRules! []ResourceRule; 2 nonResourceRules! []NonResourceRule; "
                                     "3 incomplete! bool; 4 evaluationError string"),
    },
    "autoscaling/v1": {
        "CrossVersionObjectReference": "1 kind! string; 2 name! string; 3 apiVersion string",
        "HorizontalPodAutoscaler": ("1 metadata meta/v1.ObjectMeta; 2 spec HorizontalPodAutoscalerSpec; "
                                    "3 status HorizontalPodAutoscalerStatus"),
        "HorizontalPodAutoscalerSpec": ("1 scaleTargetRef! CrossVersionObjectReference; 2 minReplicas *int32; "
                                        "3 maxReplicas! int32; 4 targetCPUUtilizationPercentage *int32"),
        "HorizontalPodAutoscalerStatus": ("1 observedGeneration *int64; 2 lastScaleTime *meta/v1.Time; "
                                          "3 currentReplicas! int32; 4 desiredReplicas! int32; "
                                          "5 currentCPUUtilizationPercentage *int32"),
    },
    "autoscaling/v2": {
        "ContainerResourceMetricSource": "1 name! string; 2 target! MetricTarget; 3 container! string",
        "ContainerResourceMetricStatus": "1 name! string; 2 current! MetricValueStatus; 3 container! string",
        "CrossVersionObjectReference": "1 kind! string; 2 name! string; 3 apiVersion string",
        "ExternalMetricSource": "1 metric! MetricIdentifier; 2 target! MetricTarget",
        "ExternalMetricStatus": "1 metric! MetricIdentifier; 2 current! MetricValueStatus",
        "HPAScalingPolicy": "1 type! string; 2 value! int32; 3 periodSeconds! int32",
        "HPAScalingRules": ("3 stabilizationWindowSeconds *int32; 1 selectPolicy *string; "
                            "2 policies []HPAScalingPolicy"),
        "HorizontalPodAutoscaler": ("1 metadata meta/v1.ObjectMeta; 2 spec HorizontalPodAutoscalerSpec; "
                                    "3 status HorizontalPodAutoscalerStatus"),
        "HorizontalPodAutoscalerBehavior": "1 scaleUp *HPAScalingRules; 2 scaleDown *HPAScalingRules",
        "HorizontalPodAutoscalerCondition": ("1 type! string; 2 status! string; 3 lastTransitionTime meta/v1.Time; "
                                             "4 reason string; 5 message string"),
        "HorizontalPodAutoscalerSpec": ("1 scaleTargetRef! CrossVersionObjectReference; 2 minReplicas *int32; "
                                        "3 maxReplicas! int32; 4 metrics []MetricSpec; "
                                        "5 behavior *HorizontalPodAutoscalerBehavior"),
        "HorizontalPodAutoscalerStatus": ("1 observedGeneration *int64; 2 lastScaleTime *meta/v1.Time; "
                                          "3 currentReplicas int32; 4 desiredReplicas! int32; "
                                          "5 currentMetrics! []MetricStatus; "
                                          "6 conditions []HorizontalPodAutoscalerCondition"),
        "MetricIdentifier": "1 name! string; 2 selector *meta/v1.LabelSelector",
        "MetricSpec": ("1 type! string; 2 object *ObjectMetricSource; 3 pods *PodsMetricSource; "
                       "4 resource *ResourceMetricSource; 7 containerResource *ContainerResourceMetricSource; "
                       "5 external *ExternalMetricSource"),
        "MetricStatus": ("1 type! string; 2 object *ObjectMetricStatus; 3 pods *PodsMetricStatus; "
                         "4 resource *ResourceMetricStatus; 7 containerResource *ContainerResourceMetricStatus; "
                         "5 external *ExternalMetricStatus"),
        "MetricTarget": ("1 type! string; 2 value *resource.Quantity; 3 averageValue *resource.Quantity; "
                         "4 averageUtilization *int32"),
        "MetricValueStatus": ("1 value *resource.Quantity; 2 averageValue *resource.Quantity; "
                              "3 averageUtilization *int32"),
        "ObjectMetricSource": ("1 describedObject! CrossVersionObjectReference; 2 target! MetricTarget; "
                               "3 metric! MetricIdentifier"),
        "ObjectMetricStatus": ("1 metric! MetricIdentifier; 2 current! MetricValueStatus; "
                               "3 describedObject! CrossVersionObjectReference"),
        "PodsMetricSource": "1 metric! MetricIdentifier; 2 target! MetricTarget",
        "PodsMetricStatus": "1 metric! MetricIdentifier; 2 current! MetricValueStatus",
        "ResourceMetricSource": "1 name! string; 2 target! MetricTarget",
        "ResourceMetricStatus": "1 name! string; 2 current! MetricValueStatus",
    },
    "batch/v1": {
        "CronJob": "1 metadata meta/v1.ObjectMeta; 2 spec CronJobSpec; 3 status CronJobStatus",
        "CronJobSpec": ("1 schedule! string; 8 timeZone *string; 2 startingDeadlineSeconds *int64; "
                        "3 concurrencyPolicy string; 4 suspend *bool; 5 jobTemplate! JobTemplateSpec; "
                        "6 successfulJobsHistoryLimit *int32; 7 failedJobsHistoryLimit *int32"),
        "CronJobStatus": ("1 active []core/v1.ObjectReference; 4 lastScheduleTime *meta/v1.Time; "
                          "5 lastSuccessfulTime *meta/v1.Time"),
        "Job": "1 metadata meta/v1.ObjectMeta; 2 spec JobSpec; 3 status JobStatus",
        "JobCondition": ("1 type! string; 2 status! string; 3 lastProbeTime meta/v1.Time; "
                         "4 lastTransitionTime meta/v1.Time; 5 reason string; 6 message string"),
        "JobSpec": ("1 parallelism *int32; 2 completions *int32; 3 activeDeadlineSeconds *int64; "
                    "11 podFailurePolicy *PodFailurePolicy; 16 successPolicy *SuccessPolicy; 7 backoffLimit *int32; "
                    "12 backoffLimitPerIndex *int32; 13 maxFailedIndexes *int32; 4 selector *meta/v1.LabelSelector; "
                    "5 manualSelector *bool; 6 template! core/v1.PodTemplateSpec; 8 ttlSecondsAfterFinished *int32; "
                    "9 completionMode *string; 10 suspend *bool; 14 podReplacementPolicy *string; "
                    "15 managedBy *string"),
        "JobStatus": ("1 conditions []JobCondition; 2 startTime *meta/v1.Time; 3 completionTime *meta/v1.Time; "
                      "4 active int32; 5 succeeded int32; 6 failed int32; 11 terminating *int32; "
                      "7 completedIndexes string; 10 failedIndexes *string; "
                      "8 uncountedTerminatedPods *UncountedTerminatedPods; 9 ready *int32"),
        "JobTemplateSpec": "1 metadata meta/v1.ObjectMeta; 2 spec JobSpec",
        "PodFailurePolicy": "1 rules! []PodFailurePolicyRule",
        "PodFailurePolicyOnExitCodesRequirement": "1 containerName *string; 2 operator! string; 3 values! []int32",
        "PodFailurePolicyOnPodConditionsPattern": "1 type! string; 2 status! string",
        "PodFailurePolicyRule": ("1 action! string; 2 onExitCodes *PodFailurePolicyOnExitCodesRequirement; "
                                 "3 onPodConditions []PodFailurePolicyOnPodConditionsPattern"),
        "SuccessPolicy": "1 rules! []SuccessPolicyRule",
        "SuccessPolicyRule": "1 succeededIndexes *string; 2 succeededCount *int32",
        "UncountedTerminatedPods": "1 succeeded []string; 2 failed []string",
    },
    "certificates/v1": {
        "ExtraValue": "1 items! []string",
        "CertificateSigningRequest": ("1 metadata meta/v1.ObjectMeta; 2 spec! CertificateSigningRequestSpec; "
                                      "3 status CertificateSigningRequestStatus"),
        "CertificateSigningRequestCondition": ("1 type! string; 6 status! string; 2 reason string; 3 message string; "
                                               "4 lastUpdateTime meta/v1.Time; 5 lastTransitionTime meta/v1.Time"),
        "CertificateSigningRequestSpec": ("1 request! bytes; 7 signerName! string; 8 expirationSeconds *int32; "
                                          "5 usages []string; 2 username string; 3 uid string; 4 groups []string; "
                                          "6 extra map[string]ExtraValue"),
        "CertificateSigningRequestStatus": "1 conditions []CertificateSigningRequestCondition; 2 certificate bytes",
    },
    "core/v1": {
        "AWSElasticBlockStoreVolumeSource": "1 volumeID! string; 2 fsType string; 3 partition int32; 4 readOnly bool",
        "Affinity": "1 nodeAffinity *NodeAffinity; 2 podAffinity *PodAffinity; 3 podAntiAffinity *PodAntiAffinity",
        "AppArmorProfile": "1 type! string; 2 localhostProfile *string",
        "AzureDiskVolumeSource": ("1 diskName! string; 2 diskURI! string; 3 cachingMode *string; 4 fsType *string; "
                                  "5 readOnly *bool; 6 kind *string"),
        "AzureFileVolumeSource": "1 secretName! string; 2 shareName! string; 3 readOnly bool",
        "CSIVolumeSource": ("1 driver! string; 2 readOnly *bool; 3 fsType *string; "
                            "4 volumeAttributes map[string]string; 5 nodePublishSecretRef *LocalObjectReference"),
        "Capabilities": "1 add []string; 2 drop []string",
        "CephFSVolumeSource": ("1 monitors! []string; 2 path string; 3 user string; 4 secretFile string; "
                               "5 secretRef *LocalObjectReference; 6 readOnly bool"),
        "CinderVolumeSource": ("1 volumeID! string; 2 fsType string; 3 readOnly bool; "
                               "4 secretRef *LocalObjectReference"),
        "ClientIPConfig": "1 timeoutSeconds *int32",
        "ClusterTrustBundleProjection": ("1 name *string; 2 signerName *string; "
                                         "3 labelSelector *meta/v1.LabelSelector; 5 optional *bool; 4 path! string"),
        "ConfigMap": ("1 metadata meta/v1.ObjectMeta; 4 immutable *bool; 2 data map[string]string; "
                      "3 binaryData map[string]bytes"),
        "ConfigMapEnvSource": "1 ... LocalObjectReference; 2 optional *bool",
        "ConfigMapKeySelector": "1 ... LocalObjectReference; 2 key! string; 3 optional *bool",
        "ConfigMapProjection": "1 ... LocalObjectReference; 2 items []KeyToPath; 4 optional *bool",
        "ConfigMapVolumeSource": ("1 ... LocalObjectReference; 2 items []KeyToPath; 3 defaultMode *int32; "
                                  "4 optional *bool"),
        "Container": ("1 name! string; 2 image string; 3 command []string; 4 args []string; 5 workingDir string; "
                      "6 ports []ContainerPort; 19 envFrom []EnvFromSource; 7 env []EnvVar; "
                      "8 resources ResourceRequirements; 23 resizePolicy []ContainerResizePolicy; "
                      "24 restartPolicy *string; 9 volumeMounts []VolumeMount; 21 volumeDevices []VolumeDevice; "
                      "10 livenessProbe *Probe; 11 readinessProbe *Probe; 22 startupProbe *Probe; "
                      "12 lifecycle *Lifecycle; 13 terminationMessagePath string; 20 terminationMessagePolicy string; "
                      "14 imagePullPolicy string; 15 securityContext *SecurityContext; 16 stdin bool; "
                      "17 stdinOnce bool; 18 tty bool"),
        "ContainerPort": ("1 name string; 2 hostPort int32; 3 containerPort! int32; 4 protocol string; "
                          "5 hostIP string"),
        "ContainerResizePolicy": "1 resourceName! string; 2 restartPolicy! string",
        "ContainerState": ("1 waiting *ContainerStateWaiting; 2 running *ContainerStateRunning; "
                           "3 terminated *ContainerStateTerminated"),
        "ContainerStateRunning": "1 startedAt meta/v1.Time",
        "ContainerStateTerminated": ("1 exitCode! int32; 2 signal int32; 3 reason string; 4 message string; "
                                     "5 startedAt meta/v1.Time; 6 finishedAt meta/v1.Time; 7 containerID string"),
        "ContainerStateWaiting": "1 reason string; 2 message string",
        "ContainerStatus": ("1 name! string; 2 state ContainerState; 3 lastState ContainerState; 4 ready! bool; "
                            "5 restartCount! int32; 6 image! string; 7 imageID! string; 8 containerID string; "
                            "9 started *bool; 10 allocatedResources map[string]resource.Quantity; "
                            "11 resources *ResourceRequirements; 12 volumeMounts []VolumeMountStatus; "
                            "13 user *ContainerUser; 14 allocatedResourcesStatus []ResourceStatus"),
        "ContainerUser": "1 linux *LinuxContainerUser",
        "DownwardAPIProjection": "1 items []DownwardAPIVolumeFile",
        "DownwardAPIVolumeFile": ("1 path! string; 2 fieldRef *ObjectFieldSelector; "
                                  "3 resourceFieldRef *ResourceFieldSelector; 4 mode *int32"),
        "DownwardAPIVolumeSource": "1 items []DownwardAPIVolumeFile; 2 defaultMode *int32",
        "EmptyDirVolumeSource": "1 medium string; 2 sizeLimit *resource.Quantity",
        "EnvFromSource": "1 prefix string; 2 configMapRef *ConfigMapEnvSource; 3 secretRef *SecretEnvSource",
        "EnvVar": "1 name! string; 2 value string; 3 valueFrom *EnvVarSource",
        "EnvVarSource": ("1 fieldRef *ObjectFieldSelector; 2 resourceFieldRef *ResourceFieldSelector; "
                         "3 configMapKeyRef *ConfigMapKeySelector; 4 secretKeyRef *SecretKeySelector"),
        "EphemeralContainer": "1 ... EphemeralContainerCommon; 2 targetContainerName string",
        "EphemeralContainerCommon": ("1 name! string; 2 image string; 3 command []string; 4 args []string; "
                                     "5 workingDir string; 6 ports []ContainerPort; 19 envFrom []EnvFromSource; "
                                     "7 env []EnvVar; 8 resources ResourceRequirements; "
                                     "23 resizePolicy []ContainerResizePolicy; 24 restartPolicy *string; "
                                     "9 volumeMounts []VolumeMount; 21 volumeDevices []VolumeDevice; "
                                     "10 livenessProbe *Probe; 11 readinessProbe *Probe; 22 startupProbe *Probe; "
                                     "12 lifecycle *Lifecycle; 13 terminationMessagePath string; "
                                     "20 terminationMessagePolicy string; 14 imagePullPolicy string; "
                                     "15 securityContext *SecurityContext; 16 stdin bool; 17 stdinOnce bool; "
                                     "18 tty bool"),
        "EphemeralVolumeSource": "1 volumeClaimTemplate *PersistentVolumeClaimTemplate",
        "ExecAction": "1 command []string",
        "FCVolumeSource": "1 targetWWNs []string; 2 lun *int32; 3 fsType string; 4 readOnly bool; 5 wwids []string",
        "FlexVolumeSource": ("1 driver! string; 2 fsType string; 3 secretRef *LocalObjectReference; 4 readOnly bool; "
                             "5 options map[string]string"),
        "FlockerVolumeSource": "1 datasetName string; 2 datasetUUID string",
        "GCEPersistentDiskVolumeSource": "1 pdName! string; 2 fsType string; 3 partition int32; 4 readOnly bool",
        "GRPCAction": "1 port! int32; 2 service! *string",
        "GitRepoVolumeSource": "1 repository! string; 2 revision string; 3 directory string",
        "GlusterfsVolumeSource": "1 endpoints! string; 2 path! string; 3 readOnly bool",
        "HTTPGetAction": ("1 path string; 2 port! intstr.IntOrString; 3 host string; 4 scheme string; "
                          "5 httpHeaders []HTTPHeader"),
        "HTTPHeader": "1 name! string; 2 value! string",
        "HostAlias": "1 ip! string; 2 hostnames []string",
        "HostIP": "1 ip! string",
        "HostPathVolumeSource": "1 path! string; 2 type *string",
        "ISCSIVolumeSource": ("1 targetPortal! string; 2 iqn! string; 3 lun! int32; 4 iscsiInterface string; "
                              "5 fsType string; 6 readOnly bool; 7 portals []string; 8 chapAuthDiscovery bool; "
                              "11 chapAuthSession bool; 10 secretRef *LocalObjectReference; 12 initiatorName *string"),
        "ImageVolumeSource": "1 reference string; 2 pullPolicy string",
        "KeyToPath": "1 key! string; 2 path! string; 3 mode *int32",
        "Lifecycle": "1 postStart *LifecycleHandler; 2 preStop *LifecycleHandler",
        "LifecycleHandler": ("1 exec *ExecAction; 2 httpGet *HTTPGetAction; 3 tcpSocket *TCPSocketAction; "
                             "4 sleep *SleepAction"),
        "LinuxContainerUser": "1 uid! int64; 2 gid! int64; 3 supplementalGroups []int64",
        "LoadBalancerIngress": "1 ip string; 2 hostname string; 3 ipMode *string; 4 ports []PortStatus",
        "LoadBalancerStatus": "1 ingress []LoadBalancerIngress",
        "LocalObjectReference": "1 name string",
        "NFSVolumeSource": "1 server! string; 2 path! string; 3 readOnly bool",
        "Namespace": "1 metadata meta/v1.ObjectMeta; 2 spec NamespaceSpec; 3 status NamespaceStatus",
        "NamespaceCondition": ("1 type! string; 2 status! string; 4 lastTransitionTime meta/v1.Time; 5 reason string; "
                               "6 message string"),
        "NamespaceSpec": "1 finalizers []string",
        "NamespaceStatus": "1 phase string; 2 conditions []NamespaceCondition",
        "NodeAffinity": ("1 requiredDuringSchedulingIgnoredDuringExecution *NodeSelector; "
                         "2 preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm"),
        "NodeSelector": "1 nodeSelectorTerms! []NodeSelectorTerm",
        "NodeSelectorRequirement": "1 key! string; 2 operator! string; 3 values []string",
        "NodeSelectorTerm": "1 matchExpressions []NodeSelectorRequirement; 2 matchFields []NodeSelectorRequirement",
        "ObjectFieldSelector": "1 apiVersion string; 2 fieldPath! string",
        "ObjectReference": ("1 kind string; 2 namespace string; 3 name string; 4 uid string; 5 apiVersion string; "
                            "6 resourceVersion string; 7 fieldPath string"),
        "PersistentVolumeClaimSpec": ("1 accessModes []string; 4 selector *meta/v1.LabelSelector; "
                                      "2 resources VolumeResourceRequirements; 3 volumeName string; "
                                      "5 storageClassName *string; 6 volumeMode *string; "
                                      "7 dataSource *TypedLocalObjectReference; 8 dataSourceRef *TypedObjectReference; "
                                      "9 volumeAttributesClassName *string"),
        "PersistentVolumeClaimTemplate": "1 metadata meta/v1.ObjectMeta; 2 spec! PersistentVolumeClaimSpec",
        "PersistentVolumeClaimVolumeSource": "1 claimName! string; 2 readOnly bool",
        "PhotonPersistentDiskVolumeSource": "1 pdID! string; 2 fsType string",
        "Pod": "1 metadata meta/v1.ObjectMeta; 2 spec PodSpec; 3 status PodStatus",
        "PodAffinity": ("1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; "
                        "2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm"),
        "PodAffinityTerm": ("1 labelSelector *meta/v1.LabelSelector; 2 namespaces []string; 3 topologyKey! string; "
                            "4 namespaceSelector *meta/v1.LabelSelector; 5 matchLabelKeys []string; "
                            "6 mismatchLabelKeys []string"),
        "PodAntiAffinity": ("1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm; "
                            "2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm"),
        "PodCondition": ("1 type! string; 2 status! string; 3 lastProbeTime meta/v1.Time; "
                         "4 lastTransitionTime meta/v1.Time; 5 reason string; 6 message string"),
        "PodDNSConfig": "1 nameservers []string; 2 searches []string; 3 options []PodDNSConfigOption",
        "PodDNSConfigOption": "1 name string; 2 value *string",
        "PodIP": "1 ip! string",
        "PodOS": "1 name! string",
        "PodReadinessGate": "1 conditionType! string",
        "PodResourceClaim": "1 name! string; 3 resourceClaimName *string; 4 resourceClaimTemplateName *string",
        "PodResourceClaimStatus": "1 name! string; 2 resourceClaimName *string",
        "PodSchedulingGate": "1 name! string",
        "PodSecurityContext": ("1 seLinuxOptions *SELinuxOptions; 8 windowsOptions *WindowsSecurityContextOptions; "
                               "2 runAsUser *int64; 6 runAsGroup *int64; 3 runAsNonRoot *bool; "
                               "4 supplementalGroups []int64; 12 supplementalGroupsPolicy *string; 5 fsGroup *int64; "
                               "7 sysctls []Sysctl; 9 fsGroupChangePolicy *string; 10 seccompProfile *SeccompProfile; "
                               "11 appArmorProfile *AppArmorProfile; 13 seLinuxChangePolicy *string"),
        "PodSpec": ("1 volumes []Volume; 20 initContainers []Container; 2 containers! []Container; "
                    "34 ephemeralContainers []EphemeralContainer; 3 restartPolicy string; "
                    "4 terminationGracePeriodSeconds *int64; 5 activeDeadlineSeconds *int64; 6 dnsPolicy string; "
                    "7 nodeSelector map[string]string; 8 serviceAccountName string; 9 serviceAccount string; "
                    "21 automountServiceAccountToken *bool; 10 nodeName string; 11 hostNetwork bool; 12 hostPID bool; "
                    "13 hostIPC bool; 27 shareProcessNamespace *bool; 14 securityContext *PodSecurityContext; "
                    "15 imagePullSecrets []LocalObjectReference; 16 hostname string; 17 subdomain string; "
                    "18 affinity *Affinity; 19 schedulerName string; 22 tolerations []Toleration; "
                    "23 hostAliases []HostAlias; 24 priorityClassName string; 25 priority *int32; "
                    "26 dnsConfig *PodDNSConfig; 28 readinessGates []PodReadinessGate; 29 runtimeClassName *string; "
                    "30 enableServiceLinks *bool; 31 preemptionPolicy *string; "
                    "32 overhead map[string]resource.Quantity; "
                    "33 topologySpreadConstraints []TopologySpreadConstraint; 35 setHostnameAsFQDN *bool; "
                    "36 os *PodOS; 37 hostUsers *bool; 38 schedulingGates []PodSchedulingGate; "
                    "39 resourceClaims []PodResourceClaim; 40 resources *ResourceRequirements"),
        "PodStatus": ("1 phase string; 2 conditions []PodCondition; 3 message string; 4 reason string; "
                      "11 nominatedNodeName string; 5 hostIP string; 16 hostIPs []HostIP; 6 podIP string; "
                      "12 podIPs []PodIP; 7 startTime *meta/v1.Time; 10 initContainerStatuses []ContainerStatus; "
                      "8 containerStatuses []ContainerStatus; 9 qosClass string; "
                      "13 ephemeralContainerStatuses []ContainerStatus; 14 resize string; "
                      "15 resourceClaimStatuses []PodResourceClaimStatus"),
        "PodTemplateSpec": "1 metadata meta/v1.ObjectMeta; 2 spec PodSpec",
        "PortStatus": "1 port! int32; 2 protocol! string; 3 error *string",
        "PortworxVolumeSource": "1 volumeID! string; 2 fsType string; 3 readOnly bool",
        "PreferredSchedulingTerm": "1 weight! int32; 2 preference! NodeSelectorTerm",
        "Probe": ("1 ... ProbeHandler; 2 initialDelaySeconds int32; 3 timeoutSeconds int32; 4 periodSeconds int32; "
                  "5 successThreshold int32; 6 failureThreshold int32; 7 terminationGracePeriodSeconds *int64"),
        "ProbeHandler": ("1 exec *ExecAction; 2 httpGet *HTTPGetAction; 3 tcpSocket *TCPSocketAction; "
                         "4 grpc *GRPCAction"),
        "ProjectedVolumeSource": "1 sources! []VolumeProjection; 2 defaultMode *int32",
        "QuobyteVolumeSource": ("1 registry! string; 2 volume! string; 3 readOnly bool; 4 user string; 5 group string; "
                                "6 tenant string"),
        "RBDVolumeSource": ("1 monitors! []string; 2 image! string; 3 fsType string; 4 pool string; 5 user string; "
                            "6 keyring string; 7 secretRef *LocalObjectReference; 8 readOnly bool"),
        "ResourceClaim": "1 name! string; 2 request string",
        "ResourceFieldSelector": "1 containerName string; 2 resource! string; 3 divisor resource.Quantity",
        "ResourceHealth": "1 resourceID! string; 2 health string",
        "ResourceQuota": "1 metadata meta/v1.ObjectMeta; 2 spec ResourceQuotaSpec; 3 status ResourceQuotaStatus",
        "ResourceQuotaSpec": "1 hard map[string]resource.Quantity; 2 scopes []string; 3 scopeSelector *ScopeSelector",
        "ResourceQuotaStatus": "1 hard map[string]resource.Quantity; 2 used map[string]resource.Quantity",
        "ResourceRequirements": ("1 limits map[string]resource.Quantity; 2 requests map[string]resource.Quantity; "
                                 "3 claims []ResourceClaim"),
        "ResourceStatus": "1 name! string; 2 resources []ResourceHealth",
        "SELinuxOptions": "1 user string; 2 role string; 3 type string; 4 level string",
        "ScaleIOVolumeSource": ("1 gateway! string; 2 system! string; 3 secretRef! *LocalObjectReference; "
                                "4 sslEnabled bool; 5 protectionDomain string; 6 storagePool string; "
                                "7 storageMode string; 8 volumeName string; 9 fsType string; 10 readOnly bool"),
        "ScopeSelector": "1 matchExpressions []ScopedResourceSelectorRequirement",
        "ScopedResourceSelectorRequirement": "1 scopeName! string; 2 operator! string; 3 values []string",
        "SeccompProfile": "1 type! string; 2 localhostProfile *string",
        "Secret": ("1 metadata meta/v1.ObjectMeta; 5 immutable *bool; 2 data map[string]bytes; "
                   "4 stringData map[string]string; 3 type string"),
        "SecretEnvSource": "1 ... LocalObjectReference; 2 optional *bool",
        "SecretKeySelector": "1 ... LocalObjectReference; 2 key! string; 3 optional *bool",
        "SecretProjection": "1 ... LocalObjectReference; 2 items []KeyToPath; 4 optional *bool",
        "SecretVolumeSource": "1 secretName string; 2 items []KeyToPath; 3 defaultMode *int32; 4 optional *bool",
        "SecurityContext": ("1 capabilities *Capabilities; 2 privileged *bool; 3 seLinuxOptions *SELinuxOptions; "
                            "10 windowsOptions *WindowsSecurityContextOptions; 4 runAsUser *int64; "
                            "8 runAsGroup *int64; 5 runAsNonRoot *bool; 6 readOnlyRootFilesystem *bool; "
                            "7 allowPrivilegeEscalation *bool; 9 procMount *string; 11 seccompProfile *SeccompProfile; "
                            "12 appArmorProfile *AppArmorProfile"),
        "Service": "1 metadata meta/v1.ObjectMeta; 2 spec ServiceSpec; 3 status ServiceStatus",
        "ServiceAccount": ("1 metadata meta/v1.ObjectMeta; 2 secrets []ObjectReference; "
                           "3 imagePullSecrets []LocalObjectReference; 4 automountServiceAccountToken *bool"),
        "ServiceAccountTokenProjection": "1 audience string; 2 expirationSeconds *int64; 3 path! string",
        "ServicePort": ("1 name string; 2 protocol string; 6 appProtocol *string; 3 port! int32; "
                        "4 targetPort intstr.IntOrString; 5 nodePort int32"),
        "ServiceSpec": ("1 ports []ServicePort; 2 selector map[string]string; 3 clusterIP string; "
                        "18 clusterIPs []string; 4 type string; 5 externalIPs []string; 7 sessionAffinity string; "
                        "8 loadBalancerIP string; 9 loadBalancerSourceRanges []string; 10 externalName string; "
                        "11 externalTrafficPolicy string; 12 healthCheckNodePort int32; "
                        "13 publishNotReadyAddresses bool; 14 sessionAffinityConfig *SessionAffinityConfig; "
                        "19 ipFamilies []string; 17 ipFamilyPolicy *string; 20 allocateLoadBalancerNodePorts *bool; "
                        "21 loadBalancerClass *string; 22 internalTrafficPolicy *string; "
                        "23 trafficDistribution *string"),
        "ServiceStatus": "1 loadBalancer LoadBalancerStatus; 2 conditions []meta/v1.Condition",
        "SessionAffinityConfig": "1 clientIP *ClientIPConfig",
        "SleepAction": "1 seconds! int64",
        "StorageOSVolumeSource": ("1 volumeName string; 2 volumeNamespace string; 3 fsType string; 4 readOnly bool; "
                                  "5 secretRef *LocalObjectReference"),
        "Sysctl": "1 name! string; 2 value! string",
        "TCPSocketAction": "1 port! intstr.IntOrString; 2 host string",
        "Toleration": "1 key string; 2 operator string; 3 value string; 4 effect string; 5 tolerationSeconds *int64",
        "TopologySpreadConstraint": ("1 maxSkew! int32; 2 topologyKey! string; 3 whenUnsatisfiable! string; "
                                     "4 labelSelector *meta/v1.LabelSelector; 5 minDomains *int32; "
                                     "6 nodeAffinityPolicy *string; 7 nodeTaintsPolicy *string; "
                                     "8 matchLabelKeys []string"),
        "TypedLocalObjectReference": "1 apiGroup! *string; 2 kind! string; 3 name! string",
        "TypedObjectReference": "1 apiGroup! *string; 2 kind! string; 3 name! string; 4 namespace *string",
        "Volume": "1 name! string; 2 ... VolumeSource",
        "VolumeDevice": "1 name! string; 2 devicePath! string",
        "VolumeMount": ("1 name! string; 2 readOnly bool; 7 recursiveReadOnly *string; 3 mountPath! string; "
                        "4 subPath string; 5 mountPropagation *string; 6 subPathExpr string"),
        "VolumeMountStatus": "1 name! string; 2 mountPath! string; 3 readOnly bool; 4 recursiveReadOnly *string",
        "VolumeProjection": ("1 secret *SecretProjection; 2 downwardAPI *DownwardAPIProjection; "
                             "3 configMap *ConfigMapProjection; 4 serviceAccountToken *ServiceAccountTokenProjection; "
                             "5 clusterTrustBundle *ClusterTrustBundleProjection"),
        "VolumeResourceRequirements": ("1 limits map[string]resource.Quantity; "
                                       "2 requests map[string]resource.Quantity"),
        "VolumeSource": ("1 hostPath *HostPathVolumeSource; 2 emptyDir *EmptyDirVolumeSource; "
                         "3 gcePersistentDisk *GCEPersistentDiskVolumeSource; "
                         "4 awsElasticBlockStore *AWSElasticBlockStoreVolumeSource; 5 gitRepo *GitRepoVolumeSource; "
                         "6 secret *SecretVolumeSource; 7 nfs *NFSVolumeSource; 8 iscsi *ISCSIVolumeSource; "
                         "9 glusterfs *GlusterfsVolumeSource; "
                         "10 persistentVolumeClaim *PersistentVolumeClaimVolumeSource; 11 rbd *RBDVolumeSource; "
                         "12 flexVolume *FlexVolumeSource; 13 cinder *CinderVolumeSource; "
                         "14 cephfs *CephFSVolumeSource; 15 flocker *FlockerVolumeSource; "
                         "16 downwardAPI *DownwardAPIVolumeSource; 17 fc *FCVolumeSource; "
                         "18 azureFile *AzureFileVolumeSource; 19 configMap *ConfigMapVolumeSource; "
                         "20 vsphereVolume *VsphereVirtualDiskVolumeSource; 21 quobyte *QuobyteVolumeSource; "
                         "22 azureDisk *AzureDiskVolumeSource; "
                         "23 photonPersistentDisk *PhotonPersistentDiskVolumeSource; "
                         "26 projected *ProjectedVolumeSource; 24 portworxVolume *PortworxVolumeSource; "
                         "25 scaleIO *ScaleIOVolumeSource; 27 storageos *StorageOSVolumeSource; "
                         "28 csi *CSIVolumeSource; 29 ephemeral *EphemeralVolumeSource; 30 image *ImageVolumeSource"),
        "VsphereVirtualDiskVolumeSource": ("1 volumePath! string; 2 fsType string; 3 storagePolicyName string; "
                                           "4 storagePolicyID string"),
        "WeightedPodAffinityTerm": "1 weight! int32; 2 podAffinityTerm! PodAffinityTerm",
        "WindowsSecurityContextOptions": ("1 gmsaCredentialSpecName *string; 2 gmsaCredentialSpec *string; "
                                          "3 runAsUserName *string; 4 hostProcess *bool"),
    },
    "meta/v1": {
        "Condition": ("1 type! string; 2 status! string; 3 observedGeneration int64; 4 lastTransitionTime! Time; "
                      "5 reason! string; 6 message! string"),
        "DeleteOptions": ("1 gracePeriodSeconds *int64; 2 preconditions *Preconditions; 3 orphanDependents *bool; "
                          "4 propagationPolicy *string; 5 dryRun []string; "
                          "6 ignoreStoreReadErrorWithClusterBreakingPotential *bool"),
        "FieldSelectorRequirement": "1 key! string; 2 operator! string; 3 values []string",
        "FieldsV1": "1 Raw! bytes",
        "LabelSelector": "1 matchLabels map[string]string; 2 matchExpressions []LabelSelectorRequirement",
        "LabelSelectorRequirement": "1 key! string; 2 operator! string; 3 values []string",
        "ManagedFieldsEntry": ("1 manager string; 2 operation string; 3 apiVersion string; 4 time *Time; "
                               "6 fieldsType string; 7 fieldsV1 *FieldsV1; 8 subresource string"),
        "ObjectMeta": ("1 name string; 2 generateName string; 3 namespace string; 4 selfLink string; 5 uid string; "
                       "6 resourceVersion string; 7 generation int64; 8 creationTimestamp Time; "
                       "9 deletionTimestamp *Time; 10 deletionGracePeriodSeconds *int64; 11 labels map[string]string; "
                       "12 annotations map[string]string; 13 ownerReferences []OwnerReference; 14 finalizers []string; "
                       "17 managedFields []ManagedFieldsEntry"),
        "OwnerReference": ("5 apiVersion! string; 1 kind! string; 3 name! string; 4 uid! string; 6 controller *bool; "
                           "7 blockOwnerDeletion *bool"),
        "Preconditions": "1 uid *string; 2 resourceVersion *string",
        "Time": "1 seconds! int64; 2 nanos! int32",
    },
    "networking/v1": {
        "HTTPIngressPath": "1 path string; 3 pathType! *string; 2 backend! IngressBackend",
        "HTTPIngressRuleValue": "1 paths! []HTTPIngressPath",
        "Ingress": "1 metadata meta/v1.ObjectMeta; 2 spec IngressSpec; 3 status IngressStatus",
        "IngressBackend": "4 service *IngressServiceBackend; 3 resource *core/v1.TypedLocalObjectReference",
        "IngressLoadBalancerIngress": "1 ip string; 2 hostname string; 4 ports []IngressPortStatus",
        "IngressLoadBalancerStatus": "1 ingress []IngressLoadBalancerIngress",
        "IngressPortStatus": "1 port! int32; 2 protocol! string; 3 error *string",
        "IngressRule": "1 host string; 2 ... IngressRuleValue",
        "IngressRuleValue": "1 http *HTTPIngressRuleValue",
        "IngressServiceBackend": "1 name! string; 2 port ServiceBackendPort",
        "IngressSpec": ("4 ingressClassName *string; 1 defaultBackend *IngressBackend; 2 tls []IngressTLS; "
                        "3 rules []IngressRule"),
        "IngressStatus": "1 loadBalancer IngressLoadBalancerStatus",
        "IngressTLS": "1 hosts []string; 2 secretName string",
        "ServiceBackendPort": "1 name string; 2 number int32",
    },
    "policy/v1": {
        "Eviction": "1 metadata meta/v1.ObjectMeta; 2 deleteOptions *meta/v1.DeleteOptions",
        "PodDisruptionBudget": ("1 metadata meta/v1.ObjectMeta; 2 spec PodDisruptionBudgetSpec; "
                                "3 status PodDisruptionBudgetStatus"),
        "PodDisruptionBudgetSpec": ("1 minAvailable *intstr.IntOrString; 2 selector *meta/v1.LabelSelector; "
                                    "3 maxUnavailable *intstr.IntOrString; 4 unhealthyPodEvictionPolicy *string"),
        "PodDisruptionBudgetStatus": ("1 observedGeneration int64; 2 disruptedPods map[string]meta/v1.Time; "
                                      "3 disruptionsAllowed! int32; 4 currentHealthy! int32; 5 desiredHealthy! int32; "
                                      "6 expectedPods! int32; 7 conditions []meta/v1.Condition"),
    },
    "rbac/v1": {
        "AggregationRule": "1 clusterRoleSelectors []meta/v1.LabelSelector",
        "ClusterRole": "1 metadata meta/v1.ObjectMeta; 2 rules! []PolicyRule; 3 aggregationRule *AggregationRule",
        "ClusterRoleBinding": "1 metadata meta/v1.ObjectMeta; 2 subjects []Subject; 3 roleRef! RoleRef",
        "PolicyRule": ("1 verbs! []string; 2 apiGroups []string; 3 resources []string; 4 resourceNames []string; "
                       "5 nonResourceURLs []string"),
        "Role": "1 metadata meta/v1.ObjectMeta; 2 rules! []PolicyRule",
        "RoleBinding": "1 metadata meta/v1.ObjectMeta; 2 subjects []Subject; 3 roleRef! RoleRef",
        "RoleRef": "1 apiGroup! string; 2 kind! string; 3 name! string",
        "Subject": "1 kind! string; 2 apiGroup string; 3 name! string; 4 namespace string",
    },
    "scheduling/v1": {
        "PriorityClass": ("1 metadata meta/v1.ObjectMeta; 2 value! int32; 3 globalDefault bool; 4 description string; "
                          "5 preemptionPolicy *string"),
    },
}


def kind_message(api_version: str, kind: str) -> str | None:
    """The message of a body's `apiVersion`/`kind`, None when this package cannot decode it. DeleteOptions is in
    every group version (as apimachinery's AddToGroupVersion registers it)."""
    package, kinds = KINDS.get(api_version, ("", frozenset()))
    if not package:
        return None
    if kind == "DeleteOptions":
        return "meta/v1.DeleteOptions"
    return f"{package}.{kind}" if kind in kinds else None


@cache
def message(name: str) -> tuple[Field, ...]:
    """The fields of message `name` ("core/v1.Container") in Go struct order. KeyError when not in the tables."""
    package, short = name.rsplit(".", 1)
    return tuple(_field(package, item) for item in PACKAGES[package][short].split("; "))


def _field(package: str, item: str) -> Field:
    number, name, type_ = item.split(" ")
    omitempty = not name.endswith("!")
    name = "" if name == "..." else name.rstrip("!")
    pointer = type_.startswith("*")
    type_ = type_.lstrip("*")
    repeated = type_.startswith("[]")
    is_map = type_.startswith("map[string]")
    type_ = type_.removeprefix("[]").removeprefix("map[string]")
    if type_ not in SCALARS and "." not in type_:
        type_ = f"{package}.{type_}"
    return Field(int(number), name, type_, repeated, is_map, pointer, omitempty)
